"""The datasets of デモ市: metadata, and the files or links of each resource."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from catalog.demo import other_files as other
from catalog.demo import standard_files as std
from catalog.demo.city import FULL_NAME, LGCODE, NAME, PREFECTURE, WEB
from catalog.demo.columns import COLUMNS
from catalog.demo.encoding import (
    CP932,
    UTF8,
    UTF8_BOM,
    encode_csv,
    encode_json,
    feature_collection,
)


@dataclass(frozen=True)
class FileVersion:
    """One uploaded version of a file resource: its file name and how to build its bytes."""

    filename: str
    build: Callable[[DemoContext], bytes]
    encoding: str = UTF8


@dataclass(frozen=True)
class FileResource:
    """A resource uploaded as a file; more than one version means replace_resource_file."""

    name: str
    name_en: str
    versions: tuple[FileVersion, ...]
    description: str = ""


@dataclass(frozen=True)
class LinkResource:
    """A resource that is a link to a file elsewhere."""

    name: str
    name_en: str
    url: str
    format: str
    description: str = ""


@dataclass(frozen=True)
class DemoDataset:
    """One dataset of デモ市 as the demo loader creates it."""

    slug: str
    title: str
    title_en: str
    description: str
    department: str
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    resources: tuple[FileResource | LinkResource, ...]
    licence: str = "cc-by-4.0"
    update_frequency: str = "annual"
    temporal_start: date | None = None
    temporal_end: date | None = None
    standard: str | None = None
    description_en: str = ""
    private: bool = False
    publish: bool = True
    # 分類 of the オープンデータ一覧 (legacy code list) for this dataset's own row.
    catalog_category: str = "その他"
    updated: date = date(2026, 4, 1)


@dataclass(frozen=True)
class DemoContext:
    """What file builders may depend on besides the seeded data: the site's address."""

    site_url: str = "http://127.0.0.1:8000"


def standard_csv(standard: str, rows: Callable[[], list], encoding: str):
    """A builder of a CSV file with the standard's header."""
    return lambda _ctx: encode_csv(COLUMNS[standard], rows(), encoding)


def plain_csv(header: tuple[str, ...], rows: Callable[[], list], encoding: str):
    """A builder of a CSV file with its own header."""
    return lambda _ctx: encode_csv(header, rows(), encoding)


def _aed_geojson(_ctx: DemoContext) -> bytes:
    return encode_json(feature_collection(std.aed_locations(), name=f"{NAME} AED設置箇所一覧"))


FICTION = "\n\n*このデータセットはデモ用の架空のデータです。実在の施設・団体とは関係ありません。*"
LICENCE_LABELS = {
    "cc-by-4.0": "CC BY 4.0",
    "pdl-1.0": "PDL1.0",
    "cc0-1.0": "CC0 1.0",
    "gov-std-2.0": "政府標準利用規約（第2.0版）",
}
FREQUENCY_LABELS = {
    "irregular": "随時",
    "daily": "毎日",
    "weekly": "毎週",
    "monthly": "毎月",
    "quarterly": "四半期ごと",
    "annual": "毎年",
    "never": "更新予定なし",
}
AS_OF = date(2026, 10, 1)
FILE = f"{LGCODE}_"


_MAIN: tuple[DemoDataset, ...] = (
    DemoDataset(
        slug="demo-public-facilities",
        title="公共施設一覧",
        title_en="Public facilities",
        description=(
            "デモ市が設置・管理する公共施設（市役所、出張所、図書館、体育館、公民館、公園、"
            "市立学校など）の一覧です。\n\n"
            "## 内容\n\n"
            "- 名称・読み仮名・POIコード（GIF POIコード表）\n"
            "- 住所と緯度・経度（世界測地系、小数点以下6桁）\n"
            "- 利用可能曜日・時間、バリアフリー情報\n\n"
            "自治体標準オープンデータセット「公共施設一覧」の項目（推奨データセット時代の様式）に"
            "準拠しています。文字コードは **Shift_JIS（CP932）** です。" + FICTION
        ),
        description_en="Public facilities of Demo City (fictional). CSV in CP932.",
        department="財政課",
        categories=("facilities",),
        tags=("公共施設", "図書館", "公民館", "公園", "施設"),
        standard="public-facilities",
        update_frequency="irregular",
        temporal_start=AS_OF,
        catalog_category="教育・文化・スポーツ・生活",
        resources=(
            FileResource(
                "公共施設一覧（CSV）",
                "Public facilities (CSV)",
                (
                    FileVersion(
                        f"{FILE}public_facility.csv",
                        standard_csv("public-facilities", std.public_facilities, CP932),
                        CP932,
                    ),
                ),
                "Shift_JIS（CP932）で作成しています。",
            ),
        ),
    ),
    DemoDataset(
        slug="demo-cultural-properties",
        title="文化財一覧",
        title_en="Cultural properties",
        description=(
            "市内の指定・登録文化財の一覧です。建造物、美術工芸品、無形民俗文化財、史跡、"
            "天然記念物を含みます。\n\n"
            "所有者が公開していない文化財もあります。見学の可否は所有者にお問い合わせください。"
            "画像のライセンスは列「画像_ライセンス」をご覧ください。" + FICTION
        ),
        department="観光振興課",
        categories=("tourism",),
        tags=("文化財", "歴史", "史跡", "観光"),
        standard="cultural-properties",
        temporal_start=AS_OF,
        catalog_category="教育・文化・スポーツ・生活",
        resources=(
            FileResource(
                "文化財一覧（CSV）",
                "Cultural properties (CSV)",
                (
                    FileVersion(
                        f"{FILE}cultural_property.csv",
                        standard_csv("cultural-properties", std.cultural_properties, UTF8_BOM),
                        UTF8_BOM,
                    ),
                ),
                "UTF-8（BOM付き）",
            ),
        ),
    ),
    DemoDataset(
        slug="demo-evacuation-sites",
        title="指定緊急避難場所一覧",
        title_en="Designated emergency evacuation sites",
        description=(
            "災害対策基本法に基づき市が指定した**指定緊急避難場所**の一覧です。"
            "災害の種類ごとに使える場所が異なります（列「災害種別_*」が 1 の災害に対応）。\n\n"
            "- 小中学校の校庭、公園、公民館、体育館\n"
            "- 想定収容人数は2平方メートルあたり1人で計算\n"
            "- 川端町・旭町の施設は浸水想定区域内のため、洪水・内水氾濫時は使用できません\n\n"
            "指定避難所（避難生活を送る施設）とは別の指定です。列「指定避難所との重複」を"
            "ご覧ください。" + FICTION
        ),
        description_en=(
            "Designated emergency evacuation sites of Demo City (fictional), in the current "
            "layout of the municipal standard open dataset (sheet 03)."
        ),
        department="防災危機管理課",
        categories=("disaster",),
        tags=("避難場所", "防災", "公園", "学校", "地図"),
        licence="pdl-1.0",
        standard="designated-emergency-evacuation-sites",
        temporal_start=AS_OF,
        catalog_category="司法・安全・環境",
        resources=(
            FileResource(
                "指定緊急避難場所一覧（CSV）",
                "Evacuation sites (CSV)",
                (
                    FileVersion(
                        f"{FILE}evacuation_space.csv",
                        standard_csv(
                            "designated-emergency-evacuation-sites", std.evacuation_sites, UTF8
                        ),
                        UTF8,
                    ),
                ),
                "UTF-8（BOMなし）",
            ),
        ),
    ),
    DemoDataset(
        slug="demo-population-by-area-age",
        title="地域・年齢別人口（町丁別・5歳階級別）",
        title_en="Population by area and age",
        description=(
            "住民基本台帳に基づく町丁別・5歳階級別・男女別の人口と世帯数です。"
            "毎月末日現在の数値を翌月に更新します。\n\n"
            "## 更新履歴\n\n"
            "- 2026-10-31 現在の数値に更新しました（第2版）\n"
            "- 2026-09-30 現在の数値を公開しました（第1版）\n\n"
            "過去の版はリソースの版の一覧からダウンロードできます。文字コードは"
            " **Shift_JIS（CP932）** です。" + FICTION
        ),
        description_en="Population by town block, five-year age band and sex (fictional).",
        department="市民課",
        categories=("population",),
        tags=("人口", "世帯", "年齢別", "統計"),
        licence="pdl-1.0",
        update_frequency="monthly",
        standard="population-by-area-and-age",
        temporal_start=date(2026, 9, 30),
        temporal_end=date(2026, 10, 31),
        catalog_category="人口・世帯",
        updated=date(2026, 11, 5),
        resources=(
            FileResource(
                "地域・年齢別人口（CSV）",
                "Population by area and age (CSV)",
                (
                    FileVersion(
                        f"{FILE}population_20260930.csv",
                        standard_csv(
                            "population-by-area-and-age",
                            lambda: std.population_by_area_and_age(1),
                            CP932,
                        ),
                        CP932,
                    ),
                    FileVersion(
                        f"{FILE}population_20261031.csv",
                        standard_csv(
                            "population-by-area-and-age",
                            lambda: std.population_by_area_and_age(2),
                            CP932,
                        ),
                        CP932,
                    ),
                ),
                "毎月更新。Shift_JIS（CP932）",
            ),
        ),
    ),
    DemoDataset(
        slug="demo-childcare-facilities",
        title="子育て施設一覧",
        title_en="Childcare facilities",
        description=(
            "市内の保育所、幼稚園、認定こども園、認可外保育施設の一覧です。定員、受入年齢、"
            "開所時間、一時預かりの有無を掲載しています。\n\n"
            "入所の申込みは子育て支援課の窓口で受け付けています。空き状況は毎月更新する"
            "別の資料をご覧ください。" + FICTION
        ),
        department="子育て支援課",
        categories=("childcare",),
        tags=("保育園", "幼稚園", "認定こども園", "子育て"),
        standard="childcare-facilities",
        temporal_start=AS_OF,
        catalog_category="社会保障・衛生",
        resources=(
            FileResource(
                "子育て施設一覧（CSV）",
                "Childcare facilities (CSV)",
                (
                    FileVersion(
                        f"{FILE}preschool.csv",
                        standard_csv("childcare-facilities", std.childcare_facilities, UTF8_BOM),
                        UTF8_BOM,
                    ),
                ),
                "UTF-8（BOM付き）",
            ),
        ),
    ),
    DemoDataset(
        slug="demo-public-wifi",
        title="公衆無線LANアクセスポイント一覧",
        title_en="Public Wi-Fi access points",
        description=(
            "市の施設で利用できる無料公衆無線LAN「Demo_City_Free_Wi-Fi」のアクセスポイント"
            "一覧です。災害時には「00000JAPAN」を開放します。" + FICTION
        ),
        department="情報政策課",
        categories=("facilities",),
        tags=("Wi-Fi", "無線LAN", "公共施設"),
        standard="public-wifi",
        temporal_start=AS_OF,
        catalog_category="情報通信・科学技術",
        resources=(
            FileResource(
                "公衆無線LANアクセスポイント一覧（CSV）",
                "Public Wi-Fi (CSV)",
                (
                    FileVersion(
                        f"{FILE}public_wireless_lan.csv",
                        standard_csv("public-wifi", std.public_wifi, UTF8),
                        UTF8,
                    ),
                ),
            ),
        ),
    ),
    DemoDataset(
        slug="demo-aed",
        title="AED設置箇所一覧",
        title_en="AED locations",
        description=(
            "市内の AED（自動体外式除細動器）の設置場所です。公共施設のほか、駅や病院など"
            "協力事業者の設置場所も含みます。\n\n"
            "- **CSV**: 自治体標準オープンデータセットの項目に準拠（UTF-8、BOM付き）\n"
            "- **GeoJSON**: 同じ内容を地図アプリで開ける形式（経度・緯度の順）\n\n"
            "利用できる時間は施設の開館時間に限られる場合があります。"
            "「利用可能日時特記事項」をご確認ください。" + FICTION
        ),
        description_en="AED locations in Demo City (fictional), as CSV and GeoJSON.",
        department="防災危機管理課",
        categories=("disaster", "health"),
        tags=("AED", "救命", "防災", "地図"),
        standard="aed",
        temporal_start=AS_OF,
        catalog_category="社会保障・衛生",
        resources=(
            FileResource(
                "AED設置箇所一覧（CSV）",
                "AED locations (CSV)",
                (
                    FileVersion(
                        f"{FILE}aed.csv", standard_csv("aed", std.aed_locations, UTF8_BOM), UTF8_BOM
                    ),
                ),
                "UTF-8（BOM付き）",
            ),
            FileResource(
                "AED設置箇所（GeoJSON）",
                "AED locations (GeoJSON)",
                (FileVersion(f"{FILE}aed.geojson", _aed_geojson, UTF8),),
                "FeatureCollection。座標は [経度, 緯度]（WGS84）",
            ),
        ),
    ),
    DemoDataset(
        slug="demo-care-service-offices",
        title="介護サービス事業所一覧",
        title_en="Care service offices",
        description=(
            "市内の介護保険サービス事業所（訪問介護、通所介護、特別養護老人ホーム、"
            "居宅介護支援など）の一覧です。事業所番号、定員、提供曜日を掲載しています。\n\n"
            "空き状況は各事業所にお問い合わせください。文字コードは Shift_JIS（CP932）です。"
            + FICTION
        ),
        department="健康福祉課",
        categories=("health",),
        tags=("介護", "高齢者", "福祉"),
        standard="care-service-offices",
        temporal_start=AS_OF,
        catalog_category="社会保障・衛生",
        resources=(
            FileResource(
                "介護サービス事業所一覧（CSV）",
                "Care service offices (CSV)",
                (
                    FileVersion(
                        f"{FILE}care_service.csv",
                        standard_csv("care-service-offices", std.care_service_offices, CP932),
                        CP932,
                    ),
                ),
                "Shift_JIS（CP932）",
            ),
        ),
    ),
    DemoDataset(
        slug="demo-medical-institutions",
        title="医療機関一覧",
        title_en="Medical institutions",
        description=(
            "市内の病院・診療所・歯科診療所の一覧です。診療科目、診療時間、病床数を"
            "掲載しています。\n\n"
            "休日・夜間の急病は、デモ市民病院の救急外来（24時間）をご利用ください。"
            "文字コードは Shift_JIS（CP932）です。" + FICTION
        ),
        department="健康福祉課",
        categories=("health",),
        tags=("病院", "診療所", "医療", "救急"),
        standard="medical-institutions",
        temporal_start=AS_OF,
        catalog_category="社会保障・衛生",
        resources=(
            FileResource(
                "医療機関一覧（CSV）",
                "Medical institutions (CSV)",
                (
                    FileVersion(
                        f"{FILE}hospital.csv",
                        standard_csv("medical-institutions", std.medical_institutions, CP932),
                        CP932,
                    ),
                ),
                "Shift_JIS（CP932）",
            ),
        ),
    ),
    DemoDataset(
        slug="demo-tourist-facilities",
        title="観光施設一覧",
        title_en="Tourist facilities",
        description=(
            "デモ市の観光スポット（城跡、温泉、神社・寺院、資料館、植物園、公園など）の"
            "一覧です。料金、アクセス方法、駐車場、英語の説明を掲載しています。\n\n"
            "画像は CC BY 4.0 で利用できます。" + FICTION
        ),
        description_en=(
            "Sightseeing spots of Demo City (fictional) with fees, access and English descriptions."
        ),
        department="観光振興課",
        categories=("tourism",),
        tags=("観光", "温泉", "公園", "史跡"),
        standard="tourist-facilities",
        temporal_start=AS_OF,
        catalog_category="運輸・観光",
        resources=(
            FileResource(
                "観光施設一覧（CSV）",
                "Tourist facilities (CSV)",
                (
                    FileVersion(
                        f"{FILE}tourism.csv",
                        standard_csv("tourist-facilities", std.tourist_facilities, UTF8),
                        UTF8,
                    ),
                ),
            ),
        ),
    ),
    DemoDataset(
        slug="demo-events",
        title="イベント一覧",
        title_en="Events",
        description=(
            "市や関係団体が開催するイベントの一覧です（2026年12月から2027年6月まで）。"
            "申込みが必要なイベントは「参加申込終了日」と「参加申込方法」をご覧ください。\n\n"
            "天候などにより中止・変更になる場合があります。最新の情報は市のウェブサイトで"
            "ご確認ください。" + FICTION
        ),
        department="観光振興課",
        categories=("tourism",),
        tags=("イベント", "催し", "観光", "子育て"),
        update_frequency="monthly",
        standard="events",
        temporal_start=date(2026, 12, 1),
        temporal_end=date(2027, 6, 6),
        catalog_category="運輸・観光",
        updated=date(2026, 11, 1),
        resources=(
            FileResource(
                "イベント一覧（CSV）",
                "Events (CSV)",
                (FileVersion(f"{FILE}event.csv", standard_csv("events", std.events, UTF8), UTF8),),
            ),
        ),
    ),
    DemoDataset(
        slug="demo-public-toilets",
        title="公衆トイレ一覧",
        title_en="Public toilets",
        description=(
            "公園、駅前、観光地にある市の公衆トイレの一覧です。便器の数、バリアフリートイレ、"
            "乳幼児用設備、オストメイト対応の有無と利用時間を掲載しています。\n\n"
            "自治体標準オープンデータセット（2026年8月版）の項目に準拠しています。"
            "文字コードは Shift_JIS（CP932）です。" + FICTION
        ),
        department="環境課",
        categories=("facilities", "environment"),
        tags=("トイレ", "公園", "バリアフリー", "観光"),
        standard="public-toilets",
        temporal_start=AS_OF,
        catalog_category="教育・文化・スポーツ・生活",
        resources=(
            FileResource(
                "公衆トイレ一覧（CSV）",
                "Public toilets (CSV)",
                (
                    FileVersion(
                        f"{FILE}public_toilet.csv",
                        standard_csv("public-toilets", std.public_toilets, CP932),
                        CP932,
                    ),
                ),
                "Shift_JIS（CP932）",
            ),
        ),
    ),
    DemoDataset(
        slug="demo-fire-water-facilities",
        title="消防水利施設一覧",
        title_en="Fire water facilities",
        description=(
            "消火栓、防火水そう、プールなどの消防水利の位置と種別です。消火栓は口径（mm）、"
            "防火水そうは容量を備考に記載しています。\n\n"
            "消防活動のための情報です。設備を使用・操作しないでください。" + FICTION
        ),
        department="防災危機管理課",
        categories=("disaster",),
        tags=("消火栓", "防火水槽", "消防", "防災"),
        licence="pdl-1.0",
        standard="fire-water-facilities",
        temporal_start=AS_OF,
        catalog_category="司法・安全・環境",
        resources=(
            FileResource(
                "消防水利施設一覧（CSV）",
                "Fire water facilities (CSV)",
                (
                    FileVersion(
                        f"{FILE}fire_hydrant.csv",
                        standard_csv("fire-water-facilities", std.fire_water_facilities, UTF8_BOM),
                        UTF8_BOM,
                    ),
                ),
                "UTF-8（BOM付き）",
            ),
        ),
    ),
    DemoDataset(
        slug="demo-waste-sorting",
        title="ゴミの分別方法一覧",
        title_en="Waste sorting rules",
        description=(
            "家庭ごみの品目ごとの分別区分と出し方の注意点です。粗大ごみは品目ごとの処理手数料"
            "（事前申込制）を掲載しています。\n\n"
            "- 可燃ごみ・不燃ごみは市指定収集袋（有料）で出してください\n"
            "- 家電リサイクル法の対象品目（エアコン、テレビ、冷蔵庫、洗濯機）は市では"
            "収集できません" + FICTION
        ),
        department="環境課",
        categories=("environment",),
        tags=("ごみ", "分別", "リサイクル", "粗大ごみ"),
        standard="waste-sorting",
        temporal_start=AS_OF,
        catalog_category="司法・安全・環境",
        resources=(
            FileResource(
                "ゴミの分別方法一覧（CSV）",
                "Waste sorting rules (CSV)",
                (
                    FileVersion(
                        f"{FILE}garbage_sorting.csv",
                        standard_csv("waste-sorting", std.waste_sorting, UTF8_BOM),
                        UTF8_BOM,
                    ),
                ),
                "UTF-8（BOM付き）",
            ),
        ),
    ),
    DemoDataset(
        slug="demo-parks",
        title="都市公園一覧",
        title_en="City parks",
        description=(
            "市が管理する都市公園（総合公園、運動公園、地区公園、近隣公園、街区公園）と"
            "児童遊園の一覧です。面積、開設年月日、トイレ・遊具・駐車場の有無を掲載しています。"
            "\n\n標準データセットにない独自の項目で作成しています。" + FICTION
        ),
        department="環境課",
        categories=("facilities", "environment"),
        tags=("公園", "緑地", "遊具", "子ども"),
        temporal_start=AS_OF,
        catalog_category="住宅・土地・建設",
        resources=(
            FileResource(
                "都市公園一覧（CSV）",
                "City parks (CSV)",
                (
                    FileVersion(
                        f"{FILE}parks.csv", plain_csv(other.PARKS_HEADER, other.parks, UTF8), UTF8
                    ),
                ),
            ),
        ),
    ),
    DemoDataset(
        slug="demo-population-monthly",
        title="町丁別世帯数・人口（月次）",
        title_en="Households and population by town block (monthly)",
        description=(
            "住民基本台帳に基づく町丁別の世帯数と人口（男女別）です。2026年10月31日現在。\n\n"
            "- **CSV**: 町丁ごとの数値と前月比増減\n"
            "- **Excel**: 月報の表（市ウェブサイトへのリンク）\n\n"
            "年齢別の内訳は「地域・年齢別人口」をご覧ください。" + FICTION
        ),
        department="市民課",
        categories=("population",),
        tags=("人口", "世帯", "統計", "月報"),
        licence="pdl-1.0",
        update_frequency="monthly",
        temporal_start=date(2026, 10, 31),
        temporal_end=date(2026, 10, 31),
        catalog_category="人口・世帯",
        updated=date(2026, 11, 5),
        resources=(
            FileResource(
                "町丁別世帯数・人口 2026年10月（CSV）",
                "Population by town block (CSV)",
                (
                    FileVersion(
                        f"{FILE}population_monthly_202610.csv",
                        plain_csv(other.MONTHLY_POPULATION_HEADER, other.monthly_population, UTF8),
                        UTF8,
                    ),
                ),
            ),
            LinkResource(
                "人口月報 2026年10月（Excel）",
                "Monthly population report (Excel)",
                f"{WEB}/tokei/jinko/202610.xlsx",
                "XLSX",
                "市ウェブサイト上のファイルへのリンクです（架空のURL）。",
            ),
        ),
    ),
    DemoDataset(
        slug="demo-budget-2026",
        title="令和8年度 一般会計予算",
        title_en="General account budget FY2026",
        description="令和8年度一般会計予算の款別内訳（CSV）と予算書（PDF）です。",
        department="財政課",
        categories=("administration",),
        tags=("予算", "財政", "行政"),
        licence="gov-std-2.0",
        temporal_start=date(2026, 4, 1),
        temporal_end=date(2027, 3, 31),
        catalog_category="行財政",
        resources=(
            LinkResource(
                "令和8年度 一般会計予算書（PDF）",
                "Budget document FY2026 (PDF)",
                f"{WEB}/zaisei/yosan/r8_ippan_yosansho.pdf",
                "PDF",
                "市ウェブサイト上の PDF へのリンクです（架空のURL）。",
            ),
            FileResource(
                "款別予算額（CSV）",
                "Budget by section (CSV)",
                (
                    FileVersion(
                        f"{FILE}budget_2026.csv",
                        plain_csv(other.BUDGET_HEADER, other.budget_summary, UTF8),
                        UTF8,
                    ),
                ),
                "単位は千円",
            ),
        ),
    ),
    DemoDataset(
        slug="demo-air-quality",
        title="大気環境測定結果（月平均値）",
        title_en="Air quality monitoring (monthly averages)",
        description=(
            "市内2か所の測定局（一般環境大気測定局・自動車排出ガス測定局）で測定した"
            "二酸化窒素、光化学オキシダント、浮遊粒子状物質、PM2.5 の月平均値です。\n\n"
            "速報値を含みます。確定値は年度末に公表します。CC0 で提供しています。" + FICTION
        ),
        department="環境課",
        categories=("environment",),
        tags=("大気", "環境", "PM2.5", "測定"),
        licence="cc0-1.0",
        update_frequency="monthly",
        temporal_start=date(2025, 10, 1),
        temporal_end=date(2026, 9, 30),
        catalog_category="司法・安全・環境",
        updated=date(2026, 10, 20),
        resources=(
            FileResource(
                "大気環境測定結果（CSV）",
                "Air quality (CSV)",
                (
                    FileVersion(
                        f"{FILE}air_quality.csv",
                        plain_csv(other.AIR_HEADER, other.air_quality, UTF8),
                        UTF8,
                    ),
                ),
            ),
        ),
    ),
    DemoDataset(
        slug="demo-tourism-visitors",
        title="観光入込客数（月別・施設別）",
        title_en="Tourist visitors by month and spot",
        description=(
            "主な観光施設の月別の入込客数と、そのうち市外からの客数（推計）です。"
            "2025年10月から2026年9月まで。" + FICTION
        ),
        department="観光振興課",
        categories=("tourism", "economy"),
        tags=("観光", "統計", "入込客数"),
        licence="gov-std-2.0",
        temporal_start=date(2025, 10, 1),
        temporal_end=date(2026, 9, 30),
        catalog_category="運輸・観光",
        updated=date(2026, 10, 15),
        resources=(
            FileResource(
                "観光入込客数（CSV）",
                "Tourist visitors (CSV)",
                (
                    FileVersion(
                        f"{FILE}tourism_visitors.csv",
                        plain_csv(other.VISITORS_HEADER, other.tourism_visitors, UTF8),
                        UTF8,
                    ),
                ),
            ),
        ),
    ),
    DemoDataset(
        slug="demo-parking",
        title="市営駐車場一覧",
        title_en="Municipal car parks",
        description="市営駐車場の場所、収容台数、料金、利用可能時間です。",
        department="市民課",
        categories=("transport",),
        tags=("駐車場", "交通"),
        temporal_start=AS_OF,
        catalog_category="運輸・観光",
        resources=(
            FileResource(
                "市営駐車場一覧（CSV）",
                "Municipal car parks (CSV)",
                (
                    FileVersion(
                        f"{FILE}parking.csv",
                        plain_csv(other.PARKING_HEADER, other.parking, UTF8),
                        UTF8,
                    ),
                ),
            ),
        ),
    ),
    DemoDataset(
        slug="demo-repair-plan-private",
        title="【非公開・庁内限定のデモ】公共施設修繕計画（案）",
        title_en="[PRIVATE demo] Facility repair plan (draft, staff only)",
        description=(
            "**非公開データセットのデモです。** デモ市の職員（団体のメンバー）だけが閲覧でき、"
            "ログインしていない利用者には表示されません。\n\n"
            "公共施設の修繕予定（部位、工事内容、予定年度、概算費用）をまとめた庁内資料です。"
            + FICTION
        ),
        department="財政課",
        categories=("facilities", "administration"),
        tags=("非公開", "修繕", "公共施設"),
        private=True,
        temporal_start=date(2027, 4, 1),
        temporal_end=date(2032, 3, 31),
        resources=(
            FileResource(
                "修繕計画（CSV）",
                "Repair plan (CSV)",
                (
                    FileVersion(
                        f"{FILE}repair_plan.csv",
                        plain_csv(other.REPAIR_HEADER, other.repair_plan, UTF8),
                        UTF8,
                    ),
                ),
            ),
        ),
    ),
    DemoDataset(
        slug="demo-bicycle-parking-draft",
        title="【下書きのデモ】市営自転車駐輪場一覧（作成中）",
        title_en="[DRAFT demo] Bicycle parking (in preparation)",
        description=(
            "**下書き（未公開）のデータセットのデモです。** 公開するまでは編集者だけが"
            "管理画面で見ることができます。料金が未確定の行があります。" + FICTION
        ),
        department="市民課",
        categories=("transport",),
        tags=("駐輪場", "自転車", "下書き"),
        publish=False,
        temporal_start=AS_OF,
        resources=(
            FileResource(
                "自転車駐輪場一覧（CSV、作成中）",
                "Bicycle parking (CSV, draft)",
                (
                    FileVersion(
                        f"{FILE}bicycle_parking.csv",
                        plain_csv(other.BICYCLE_HEADER, other.bicycle_parking, UTF8),
                        UTF8,
                    ),
                ),
            ),
        ),
    ),
)


def _formats(spec: DemoDataset) -> str:
    names = []
    for res in spec.resources:
        fmt = (
            res.format
            if isinstance(res, LinkResource)
            else res.versions[-1].filename.rsplit(".", 1)[-1].upper()
        )
        if fmt not in names:
            names.append(fmt)
    return ";".join(names)


def open_data_rows(ctx: DemoContext) -> list[dict]:
    """06 オープンデータ一覧: one row per public dataset of the demo (this one included)."""
    rows = []
    public = [d for d in DATASETS if d.publish and not d.private]
    for number, spec in enumerate(public, start=1):
        rows.append(
            std.legacy_head(number)
            | {
                "データ名称": spec.title,
                "データ概要": spec.description.split("\n")[0][:200],
                "データ形式": _formats(spec),
                "分類": spec.catalog_category,
                "更新頻度": FREQUENCY_LABELS[spec.update_frequency],
                "URL": f"{ctx.site_url}/dataset/{spec.slug}/",
                "API対応有無": "有",
                "ライセンス": LICENCE_LABELS[spec.licence],
                "登録日": "2026-04-01",
                "最終更新日": spec.updated.isoformat(),
                "備考": "",
            }
        )
    return rows


def _open_data_csv(ctx: DemoContext) -> bytes:
    return encode_csv(COLUMNS["open-data-catalog"], open_data_rows(ctx), UTF8)


def _open_data_json(ctx: DemoContext) -> bytes:
    return encode_json(
        {
            "全国地方公共団体コード": LGCODE,
            "都道府県名": PREFECTURE,
            "地方公共団体名": FULL_NAME,
            "作成日": std.DEMO_DATE.isoformat(),
            "件数": len(open_data_rows(ctx)),
            "データ": open_data_rows(ctx),
        }
    )


OPEN_DATA_CATALOG = DemoDataset(
    slug="demo-open-data-catalog",
    title="オープンデータ一覧",
    title_en="Open data list",
    description=(
        "デモ市が公開しているオープンデータの一覧です（このカタログに登録した公開データセット）。"
        "データ名称、形式、分類、更新頻度、ライセンス、URL を掲載しています。\n\n"
        "- **CSV**: 自治体標準オープンデータセット「オープンデータ一覧」の項目に準拠\n"
        "- **JSON**: 同じ内容を JSON で提供\n\n"
        "カタログの API（CKAN 互換）からも同じ情報を取得できます。" + FICTION
    ),
    description_en="The list of Demo City's open datasets (fictional), as CSV and JSON.",
    department="情報政策課",
    categories=("administration",),
    tags=("オープンデータ", "カタログ", "一覧"),
    standard="open-data-catalog",
    update_frequency="monthly",
    temporal_start=date(2026, 11, 1),
    catalog_category="行財政",
    updated=date(2026, 11, 1),
    resources=(
        FileResource(
            "オープンデータ一覧（CSV）",
            "Open data list (CSV)",
            (FileVersion(f"{FILE}opendata_list.csv", _open_data_csv, UTF8),),
        ),
        FileResource(
            "オープンデータ一覧（JSON）",
            "Open data list (JSON)",
            (FileVersion(f"{FILE}opendata_list.json", _open_data_json, UTF8),),
        ),
    ),
)
# Every dataset of the demo, in the order the loader creates them (06 after 01–05).
DATASETS: tuple[DemoDataset, ...] = (*_MAIN[:5], OPEN_DATA_CATALOG, *_MAIN[5:])
