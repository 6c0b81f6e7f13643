"""A small town with a garbage calendar for the resident-side tests (pages, feed, mail, API)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone


@dataclass
class Town:
    """The town's rows the tests refer to."""

    org: object
    burnable: object
    resources: object
    bottles: object
    honmachi: object
    ekimae: object

    @property
    def lgcode(self) -> str:
        """The town's 全国地方公共団体コード."""
        return self.org.lgcode


def tomorrow() -> date:
    """Tomorrow in the site's time zone."""
    return timezone.localdate() + timedelta(days=1)


def make_town() -> Town:
    """燃やすごみ every day, 資源 weekly on tomorrow's weekday, びん never in 本町; translations."""
    from gomi.models import Area, AreaAddress, Category, Item, Rule, Translation
    from tests.factories import OrganisationFactory

    org = OrganisationFactory(name="ごみ市", name_en="Gomi City")
    burnable = Category.objects.create(municipality=org, name="燃やすごみ", colour="#ea3b13",
                                       how_to="朝8時までに出してください", position=0)
    resources = Category.objects.create(municipality=org, name="資源", colour="#77ae1f",
                                        position=1)
    bottles = Category.objects.create(municipality=org, name="びん", position=2)
    honmachi = Area.objects.create(municipality=org, name="本町", position=0)
    ekimae = Area.objects.create(municipality=org, name="駅前", position=1)
    AreaAddress.objects.create(area=honmachi, text="本町１丁目")
    Rule.objects.create(area=honmachi, category=burnable, weekdays=list(range(7)))
    Rule.objects.create(area=honmachi, category=resources, weekdays=[tomorrow().weekday()])
    Rule.objects.create(area=ekimae, category=bottles, weekdays=[0])
    Translation.objects.create(category=burnable, field="name", lang="en", text="Burnable waste")
    Translation.objects.create(category=burnable, field="name", lang="vi", text="Rác cháy được")
    Translation.objects.create(area=honmachi, field="name", lang="en", text="Honmachi")
    pet = Item.objects.create(municipality=org, name="ペットボトル", category=resources,
                              notes="キャップは外す")
    Translation.objects.create(item=pet, field="name", lang="en", text="PET bottle")
    Item.objects.create(municipality=org, name="生ごみ", category=burnable)
    return Town(org=org, burnable=burnable, resources=resources, bottles=bottles,
                honmachi=honmachi, ekimae=ekimae)
