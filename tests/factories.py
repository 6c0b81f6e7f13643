"""factory_boy factories for the models tests need."""

import factory
from django.contrib.auth import get_user_model

from core.models import Department, Membership, Organisation, Role
from jp import lgcode


class UserFactory(factory.django.DjangoModelFactory):
    """A staff user with a known password."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        """Every test user has the same known password."""
        self.set_password(extracted or "correct horse battery")
        if create:
            self.save(update_fields=["password"])


def _lgcode(n: int) -> str:
    # Fictional-looking but check-digit-valid codes in prefecture 13 (Tokyo), 5xx range.
    return lgcode.normalize(f"13{500 + n % 400:03d}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A municipality with a valid code."""

    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"city-{n}")
    name = factory.Sequence(lambda n: f"テスト市{n}")
    name_en = factory.Sequence(lambda n: f"Test City {n}")
    lgcode = factory.Sequence(_lgcode)


class DepartmentFactory(factory.django.DjangoModelFactory):
    """A department."""

    class Meta:
        model = Department

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"情報政策課{n}")


def member(user, organisation, role=Role.EDITOR):
    """Give a user a role in an organisation."""
    Membership.objects.update_or_create(user=user, organisation=organisation,
                                        defaults={"role": role})
    return user
