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


def seeded(*parts: str) -> random.Random:
    """A random generator seeded from the given names: the demo data is the same on every run."""
    return random.Random(":".join(("kanmin-demo", *parts)))  # noqa: S311 - not for security


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
    DepartmentSpec(
        "bosai", "防災危機管理課", "Disaster Prevention and Crisis Management Division", 1201
    ),
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


@dataclass(frozen=True)
class Facility:
    """A fictional public facility of デモ市, shared by several demo files."""

    name: str
    kana: str
    name_en: str
    kind: str
    poi: str
    town_name: str
    days: str = "月火水木金"
    opens: str = "08:30"
    closes: str = "17:15"
    hours_note: str = ""

    @property
    def town(self) -> Town:
        """The town the facility lies in."""
        return TOWNS_BY_NAME[self.town_name]

    @property
    def place(self) -> Place:
        """Its address and coordinates (deterministic per facility)."""
        return place(seeded("place", self.name), self.town)

    @property
    def phone(self) -> str:
        """Its phone number (fictional, deterministic)."""
        return phone(seeded("phone", self.name))


_CLOSED_NEW_YEAR = "年末年始（12月29日から1月3日）は休館"
_LIBRARY = ("火水木金土日", "09:00", "19:00", "月曜日（祝日の場合は翌平日）と年末年始は休館")
_KOMINKAN = ("月火水木金土日", "09:00", "21:30", _CLOSED_NEW_YEAR)
_SCHOOL = ("", "", "", "施設開放は学校行事のない土日のみ（要予約）")
_PARK = ("月火水木金土日", "", "", "終日開放")

FACILITIES = (
    Facility(
        "デモ市役所",
        "デモシヤクショ",
        "Demo City Hall",
        "city_hall",
        "1302",
        "中央町",
        hours_note="第2・第4土曜日は市民課窓口のみ9時から12時まで開庁",
    ),
    Facility(
        "デモ市役所北出張所",
        "デモシヤクショキタシュッチョウジョ",
        "Demo City Hall North Branch Office",
        "branch",
        "1304",
        "富士見町",
    ),
    Facility(
        "デモ市役所南出張所",
        "デモシヤクショミナミシュッチョウジョ",
        "Demo City Hall South Branch Office",
        "branch",
        "1304",
        "若葉台",
    ),
    Facility(
        "デモ市立中央図書館",
        "デモシリツチュウオウトショカン",
        "Demo City Central Library",
        "library",
        "1512",
        "中央町",
        "火水木金土日",
        "09:00",
        "20:00",
        _LIBRARY[3],
    ),
    Facility(
        "デモ市立桜台図書館",
        "デモシリツサクラダイトショカン",
        "Demo City Sakuradai Library",
        "library",
        "1512",
        "桜台",
        *_LIBRARY,
    ),
    Facility(
        "デモ市立西原図書館",
        "デモシリツニシハラトショカン",
        "Demo City Nishihara Library",
        "library",
        "1512",
        "西原",
        *_LIBRARY,
    ),
    Facility(
        "デモ市民体育館",
        "デモシミンタイイクカン",
        "Demo City Gymnasium",
        "gym",
        "1110",
        "栄町",
        "月火水木金土日",
        "09:00",
        "21:00",
        "第3月曜日と年末年始は休館",
    ),
    Facility(
        "デモ市民プール",
        "デモシミンプール",
        "Demo City Swimming Pool",
        "pool",
        "1107",
        "栄町",
        "月火水木金土日",
        "09:00",
        "17:00",
        "7月1日から8月31日までの夏季のみ営業",
    ),
    Facility(
        "デモ市民文化会館",
        "デモシミンブンカカイカン",
        "Demo City Cultural Hall",
        "hall",
        "1016",
        "本町",
        "月火水木金土日",
        "09:00",
        "22:00",
        "第2火曜日と年末年始は休館",
    ),
    Facility(
        "デモ市立郷土資料館",
        "デモシリツキョウドシリョウカン",
        "Demo City Local History Museum",
        "museum",
        "0803",
        "東山",
        "火水木金土日",
        "09:30",
        "16:30",
        "月曜日と祝日の翌日は休館",
    ),
    Facility(
        "デモ市中央公民館",
        "デモシチュウオウコウミンカン",
        "Demo City Central Community Hall",
        "kominkan",
        "1307",
        "中央町",
        *_KOMINKAN,
    ),
    Facility(
        "デモ市緑町公民館",
        "デモシミドリチョウコウミンカン",
        "Midori-cho Community Hall",
        "kominkan",
        "1307",
        "緑町",
        *_KOMINKAN,
    ),
    Facility(
        "デモ市旭町公民館",
        "デモシアサヒチョウコウミンカン",
        "Asahi-cho Community Hall",
        "kominkan",
        "1307",
        "旭町",
        *_KOMINKAN,
    ),
    Facility(
        "デモ市川端町公民館",
        "デモシカワバタチョウコウミンカン",
        "Kawabata-cho Community Hall",
        "kominkan",
        "1307",
        "川端町",
        *_KOMINKAN,
    ),
    Facility(
        "デモ市松が丘公民館",
        "デモシマツガオカコウミンカン",
        "Matsugaoka Community Hall",
        "kominkan",
        "1307",
        "松が丘",
        *_KOMINKAN,
    ),
    Facility(
        "デモ市保健センター",
        "デモシホケンセンター",
        "Demo City Health Centre",
        "health",
        "1399",
        "本町",
    ),
    Facility(
        "デモ市立中央児童館",
        "デモシリツチュウオウジドウカン",
        "Demo City Central Children's Hall",
        "jidokan",
        "1403",
        "中央町",
        "月火水木金土",
        "09:00",
        "18:00",
        "日曜日・祝日は休館",
    ),
    Facility(
        "デモ市立桜台児童館",
        "デモシリツサクラダイジドウカン",
        "Sakuradai Children's Hall",
        "jidokan",
        "1403",
        "桜台",
        "月火水木金土",
        "09:00",
        "18:00",
        "日曜日・祝日は休館",
    ),
    Facility(
        "デモ市市民活動センター",
        "デモシシミンカツドウセンター",
        "Demo City Civic Activity Centre",
        "civic",
        "1305",
        "本町",
        "月火水木金土",
        "09:00",
        "21:00",
        _CLOSED_NEW_YEAR,
    ),
    Facility(
        "デモ市産業振興センター",
        "デモシサンギョウシンコウセンター",
        "Demo City Industry Promotion Centre",
        "industry",
        "1306",
        "旭町",
    ),
    Facility(
        "デモ市総合運動公園",
        "デモシソウゴウウンドウコウエン",
        "Demo City Sports Park",
        "park",
        "1003",
        "栄町",
        "月火水木金土日",
        "06:00",
        "22:00",
        "運動施設の利用は予約制",
    ),
    Facility(
        "デモ市中央公園",
        "デモシチュウオウコウエン",
        "Demo Central Park",
        "park",
        "1003",
        "中央町",
        *_PARK,
    ),
    Facility("桜台公園", "サクラダイコウエン", "Sakuradai Park", "park", "1003", "桜台", *_PARK),
    Facility("川端公園", "カワバタコウエン", "Kawabata Park", "park", "1003", "川端町", *_PARK),
    Facility(
        "青葉の森公園",
        "アオバノモリコウエン",
        "Aoba Forest Park",
        "park",
        "1003",
        "青葉町",
        "月火水木金土日",
        "08:00",
        "18:00",
        "11月から2月は17時まで",
    ),
    Facility(
        "松が丘公園", "マツガオカコウエン", "Matsugaoka Park", "park", "1003", "松が丘", *_PARK
    ),
    Facility(
        "西原ふれあい公園",
        "ニシハラフレアイコウエン",
        "Nishihara Fureai Park",
        "park",
        "1003",
        "西原",
        *_PARK,
    ),
    Facility(
        "富士見台公園", "フジミダイコウエン", "Fujimidai Park", "park", "1003", "富士見町", *_PARK
    ),
    Facility(
        "デモ市立中央幼稚園",
        "デモシリツチュウオウヨウチエン",
        "Demo City Chuo Kindergarten",
        "kindergarten",
        "1501",
        "中央町",
        "月火水木金",
        "08:30",
        "14:00",
        "預かり保育は18時まで",
    ),
    Facility(
        "デモ市立中央小学校",
        "デモシリツチュウオウショウガッコウ",
        "Demo City Chuo Elementary School",
        "elementary",
        "1503",
        "中央町",
        *_SCHOOL,
    ),
    Facility(
        "デモ市立緑町小学校",
        "デモシリツミドリチョウショウガッコウ",
        "Demo City Midori-cho Elementary School",
        "elementary",
        "1503",
        "緑町",
        *_SCHOOL,
    ),
    Facility(
        "デモ市立桜台小学校",
        "デモシリツサクラダイショウガッコウ",
        "Demo City Sakuradai Elementary School",
        "elementary",
        "1503",
        "桜台",
        *_SCHOOL,
    ),
    Facility(
        "デモ市立旭小学校",
        "デモシリツアサヒショウガッコウ",
        "Demo City Asahi Elementary School",
        "elementary",
        "1503",
        "旭町",
        *_SCHOOL,
    ),
    Facility(
        "デモ市立若葉台小学校",
        "デモシリツワカバダイショウガッコウ",
        "Demo City Wakabadai Elementary School",
        "elementary",
        "1503",
        "若葉台",
        *_SCHOOL,
    ),
    Facility(
        "デモ市立西原小学校",
        "デモシリツニシハラショウガッコウ",
        "Demo City Nishihara Elementary School",
        "elementary",
        "1503",
        "西原",
        *_SCHOOL,
    ),
    Facility(
        "デモ市立東山小学校",
        "デモシリツヒガシヤマショウガッコウ",
        "Demo City Higashiyama Elementary School",
        "elementary",
        "1503",
        "東山",
        *_SCHOOL,
    ),
    Facility(
        "デモ市立第一中学校",
        "デモシリツダイイチチュウガッコウ",
        "Demo City Daiichi Junior High School",
        "junior_high",
        "1504",
        "本町",
        *_SCHOOL,
    ),
    Facility(
        "デモ市立第二中学校",
        "デモシリツダイニチュウガッコウ",
        "Demo City Daini Junior High School",
        "junior_high",
        "1504",
        "桜台",
        *_SCHOOL,
    ),
    Facility(
        "デモ市立第三中学校",
        "デモシリツダイサンチュウガッコウ",
        "Demo City Daisan Junior High School",
        "junior_high",
        "1504",
        "西原",
        *_SCHOOL,
    ),
)
FACILITIES_BY_NAME = {f.name: f for f in FACILITIES}


def facilities(*kinds: str) -> list[Facility]:
    """The facilities of the given kinds: by kind in the order given, then in registry order."""
    return [f for kind in kinds for f in FACILITIES if f.kind == kind]
