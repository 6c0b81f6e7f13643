"""The fictional municipality デモ市: its identity, departments and geography.

Everything here is invented. The code, phone numbers, postal codes, corporate number and web
addresses are chosen so that they cannot belong to anyone real (see each constant).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from jp import houjin

# 全国地方公共団体コード of デモ市: prefecture 13 (東京都) with municipality part 990. Tokyo's
# real codes stop at 13421 (小笠原村); 139xx is unused, and the test factories use 135xx–138xx.
# Verified on 2026-11-22: 13990 + check digit 4 = "139904" passes jp.lgcode.is_valid and is
# not among the 1,963 codes of ../shared/standards/lgcodes.csv (no code there starts with 139).
LGCODE = "139904"

SLUG = "demo-city"
NAME = "デモ市"
NAME_KANA = "デモシ"
NAME_EN = "Demo City (fictional)"
PREFECTURE = "東京都"
FULL_NAME = f"{PREFECTURE}{NAME}"
DESCRIPTION = (
    "デモ市は、Kanmin の機能を試すための架空の自治体です。実在する市区町村ではありません。"
    "掲載しているデータセット、施設、住所、電話番号などはすべて架空のもので、"
    "実在の施設・団体・個人とは関係ありません。"
)

# 法人番号 of a local government = check digit + "000020" + its 6-digit code (like
# 8000020131016 for 千代田区); for the fictional code above it cannot exist.
CORPORATE_NUMBER = houjin.check_digit(f"000020{LGCODE}") + f"000020{LGCODE}"

# Web and mail addresses use the reserved top-level domain .example (RFC 2606).
WEB = "https://www.city.demo.example"
MAIL_DOMAIN = "city.demo.example"

# Telephone numbers are written 0XX-XXX-XXXX with the area code "000": no Japanese area code
# or carrier prefix is 000, so no number here can reach a real subscriber.
PHONE_AREA = "000"
CITY_HALL_PHONE = f"{PHONE_AREA}-100-1000"


def phone(rng: random.Random, exchange: int | None = None) -> str:
    """A fictional phone number 000-XXX-XXXX."""
    exchange = exchange if exchange is not None else rng.randint(200, 899)
    return f"{PHONE_AREA}-{exchange:03d}-{rng.randint(0, 9999):04d}"


@dataclass(frozen=True)
class DepartmentSpec:
    """A department (部署) of デモ市."""

    key: str
    name: str
    name_en: str
    extension: int

    @property
    def email(self) -> str:
        """The department's (fictional) mail address."""
        return f"{self.key}@{MAIL_DOMAIN}"

    @property
    def phone(self) -> str:
        """The department's direct line (fictional)."""
        return f"{PHONE_AREA}-100-{self.extension:04d}"


DEPARTMENTS = (
    DepartmentSpec("johoseisaku", "情報政策課", "Information Policy Division", 1101),
    DepartmentSpec("bosai", "防災危機管理課", "Disaster Prevention and Crisis Management Division",
                   1201),
    DepartmentSpec("kosodate", "子育て支援課", "Child-rearing Support Division", 1301),
    DepartmentSpec("kankyo", "環境課", "Environment Division", 1401),
    DepartmentSpec("kanko", "観光振興課", "Tourism Promotion Division", 1501),
    DepartmentSpec("shimin", "市民課", "Citizens Division", 1601),
    DepartmentSpec("kenkofukushi", "健康福祉課", "Health and Welfare Division", 1701),
    DepartmentSpec("zaisei", "財政課", "Finance Division", 1801),
)
DEPARTMENTS_BY_NAME = {d.name: d for d in DEPARTMENTS}

# Centre of the fictional city (a point in the Tama hills area, as the brief asked).
CENTRE_LAT = 35.600000
CENTRE_LON = 139.500000


@dataclass(frozen=True)
class Town:
    """A fictional 町 of デモ市 with its 丁目 count and position relative to the centre."""

    name: str
    kana: str
    romaji: str
    code: int  # 4-digit 大字・町 part of the 町字ID (fictional)
    chome: int
    dlat: float
    dlon: float

    def machiaza_id(self, chome: int) -> str:
        """The 7-digit 町字ID: 4-digit 町 + 3-digit 丁目 (fictional)."""
        return f"{self.code:04d}{chome:03d}"

    def postal_code(self) -> str:
        """A fictional 7-digit postal code (no real code starts with 000)."""
        return f"000{self.code % 10000:04d}"


TOWNS = (
    Town("中央町", "チュウオウチョウ", "Chuo-cho", 1, 4, 0.000, 0.000),
    Town("本町", "ホンチョウ", "Hon-cho", 2, 3, 0.006, -0.008),
    Town("緑町", "ミドリチョウ", "Midori-cho", 3, 3, 0.014, 0.006),
    Town("桜台", "サクラダイ", "Sakuradai", 4, 4, -0.012, 0.014),
    Town("青葉町", "アオバチョウ", "Aoba-cho", 5, 2, 0.020, -0.016),
    Town("旭町", "アサヒチョウ", "Asahi-cho", 6, 3, -0.006, -0.018),
    Town("若葉台", "ワカバダイ", "Wakabadai", 7, 3, -0.022, -0.004),
    Town("富士見町", "フジミチョウ", "Fujimi-cho", 8, 2, 0.026, 0.018),
    Town("川端町", "カワバタチョウ", "Kawabata-cho", 9, 2, -0.016, 0.026),
    Town("松が丘", "マツガオカ", "Matsugaoka", 10, 3, 0.008, 0.028),
    Town("栄町", "サカエチョウ", "Sakae-cho", 11, 3, -0.002, 0.010),
    Town("西原", "ニシハラ", "Nishihara", 12, 3, 0.002, -0.030),
    Town("東山", "ヒガシヤマ", "Higashiyama", 13, 2, -0.028, 0.034),
)
TOWNS_BY_NAME = {t.name: t for t in TOWNS}


@dataclass(frozen=True)
class Place:
    """A fictional address in デモ市 with coordinates."""

    town: Town
    chome: int
    banchi: int
    go: int
    lat: float
    lon: float

    @property
    def machiaza(self) -> str:
        """町字, e.g. 中央町1丁目."""
        return f"{self.town.name}{self.chome}丁目"

    @property
    def below(self) -> str:
        """番地以下, e.g. 2-3."""
        return f"{self.banchi}-{self.go}"

    @property
    def address(self) -> str:
        """Full address, e.g. 東京都デモ市中央町1丁目2-3."""
        return f"{FULL_NAME}{self.machiaza}{self.below}"

    @property
    def lat_text(self) -> str:
        """Latitude with 6 decimals."""
        return f"{self.lat:.6f}"

    @property
    def lon_text(self) -> str:
        """Longitude with 6 decimals."""
        return f"{self.lon:.6f}"

    @property
    def machiaza_id(self) -> str:
        """The 町字ID of the place."""
        return self.town.machiaza_id(self.chome)


def place(rng: random.Random, town: Town | str | None = None) -> Place:
    """A random fictional address, in the given town or anywhere in デモ市."""
    if isinstance(town, str):
        town = TOWNS_BY_NAME[town]
    town = town or rng.choice(TOWNS)
    chome = rng.randint(1, town.chome)
    lat = CENTRE_LAT + town.dlat + (chome - 1) * 0.0015 + rng.uniform(-0.003, 0.003)
    lon = CENTRE_LON + town.dlon + rng.uniform(-0.004, 0.004)
    return Place(town, chome, rng.randint(1, 30), rng.randint(1, 25), round(lat, 6), round(lon, 6))


# POIコード used by the demo files, copied from ../shared/standards/poicodes.csv (GIF
# 491-3-1 POIコード表); the project does not read that file at run time.
POI = {
    "0113": "滝",
    "0203": "展望台",
    "0608": "城跡",
    "0611": "庭園",
    "0701": "神社",
    "0702": "寺院",
    "0801": "博物館",
    "0803": "記念・資料館",
    "0805": "植物園",
    "0901": "温泉",
    "1001": "観光案内所",
    "1003": "都市公園",
    "1016": "ホール",
    "1107": "プール",
    "1110": "体育館",
    "1302": "市役所・東京都の区役所",
    "1304": "役場支所及び出張所",
    "1305": "市民活動施設",
    "1306": "産業支援施設",
    "1307": "公民館",
    "1399": "その他行政サービス施設",
    "1403": "児童館（児童センター）",
    "1501": "幼稚園",
    "1503": "小学校",
    "1504": "中学校",
    "1512": "図書館",
}
