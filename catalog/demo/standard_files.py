"""Rows of the demo files that follow a 自治体標準オープンデータセット layout.

Each function returns the rows of one file as dicts keyed by the standard's column names
(see columns.py); values are invented but plausible, and the same on every run.
"""

from __future__ import annotations

from datetime import date, timedelta

from catalog.demo import city
from catalog.demo.city import (
    CORPORATE_NUMBER,
    FULL_NAME,
    LGCODE,
    MAIL_DOMAIN,
    NAME,
    PREFECTURE,
    TOWNS,
    WEB,
    Place,
    facilities,
    phone,
    place,
    seeded,
)
from catalog.demo.encoding import Row

# The demo's "today": dates in the files are relative to it, so files never change between runs.
DEMO_DATE = date(2026, 11, 1)


def legacy_head(number: int) -> Row:
    """The first four columns of the legacy 推奨データセット layout."""
    return {
        "都道府県コード又は市区町村コード": LGCODE,
        "NO": f"{number:010d}",
        "都道府県名": PREFECTURE,
        "市区町村名": NAME,
    }


def current_address(p: Place) -> Row:
    """The 所在地_* columns of the current layout."""
    return {
        "所在地_全国地方公共団体コード": LGCODE,
        "町字ID": p.machiaza_id,
        "所在地_連結表記": p.address,
        "所在地_都道府県": PREFECTURE,
        "所在地_市区町村": NAME,
        "所在地_町字": p.machiaza,
        "所在地_番地以下": p.below,
    }


def coordinates(p: Place) -> Row:
    """緯度 and 経度 with 6 decimals."""
    return {"緯度": p.lat_text, "経度": p.lon_text}


# ---------------------------------------------------------------------------- 01 公共施設一覧

KIND_TEXT = {
    "city_hall": "市の本庁舎です。住民票や税の証明、各種届出の窓口があります。",
    "branch": "住民票の写しや印鑑登録証明書の交付など、主な証明書の窓口があります。",
    "library": "図書・雑誌・視聴覚資料の貸出と、調べものの相談（レファレンス）を行っています。",
    "gym": "アリーナ、武道場、トレーニング室があり、個人利用と団体貸切ができます。",
    "pool": "25メートルプールと幼児用プールがある屋外プールです。",
    "hall": "大ホール（1,200席）と小ホール（300席）、練習室があります。",
    "museum": "デモ市の歴史と暮らしを、出土品や民具で紹介しています。",
    "kominkan": "講座・サークル活動のための会議室、和室、調理室を貸し出しています。",
    "health": "健康診断、予防接種、母子保健、健康相談を行っています。",
    "jidokan": "0歳から18歳までの子どもと保護者が自由に遊べる施設です。",
    "civic": "市民活動団体の打ち合わせスペースと印刷機を利用できます。",
    "industry": "創業相談、セミナー、貸会議室などで市内の事業者を支援しています。",
    "park": "市民の憩いの場となる都市公園です。",
    "kindergarten": "3歳から5歳までの幼児を対象とする市立幼稚園です。",
    "elementary": "市立小学校です。",
    "junior_high": "市立中学校です。",
}
BARRIER_FREE = (
    "車椅子対応トイレあり;スロープあり;エレベーターあり",
    "車椅子対応トイレあり;スロープあり",
    "車椅子対応トイレあり",
    "段差なし;多目的トイレあり;点字ブロックあり",
)


def public_facilities() -> list[Row]:
    """01 公共施設一覧: every facility of the registry (legacy layout)."""
    rng = seeded("public-facilities")
    rows = []
    for number, f in enumerate(city.FACILITIES, start=1):
        p = f.place
        rows.append(
            legacy_head(number)
            | {
                "名称": f.name,
                "名称_カナ": f.kana,
                "名称_通称": "市役所本庁舎" if f.kind == "city_hall" else "",
                "POIコード": f.poi,
                "住所": p.address,
                "方書": "",
                **coordinates(p),
                "電話番号": f.phone,
                "内線番号": "",
                "法人番号": CORPORATE_NUMBER,
                "団体名": NAME,
                "利用可能曜日": f.days,
                "開始時間": f.opens,
                "終了時間": f.closes,
                "利用可能日時特記事項": f.hours_note,
                "説明": KIND_TEXT[f.kind],
                "バリアフリー情報": rng.choice(BARRIER_FREE),
                "URL": f"{WEB}/shisetsu/{number:03d}.html",
                "備考": "",
            }
        )
    return rows


# ---------------------------------------------------------------------------- 02 文化財一覧

CULTURAL_PROPERTIES = (
    # 名称, カナ, 英語, 文化財分類, 種類, 場所名称, 町, 員数, 単位, 所有者等, 指定日, 概要
    (
        "旧デモ村役場庁舎",
        "キュウデモムラヤクバチョウシャ",
        "Former Demo Village Office",
        "市指定有形文化財",
        "建造物",
        "デモ市立郷土資料館",
        "東山",
        1,
        "棟",
        "デモ市",
        "1998-04-01",
        "明治期に建てられた木造二階建ての村役場庁舎。資料館の敷地に移築されている。",
    ),
    (
        "中央町八幡神社本殿",
        "チュウオウチョウハチマンジンジャホンデン",
        "Main Hall of Chuo-cho Hachiman Shrine",
        "市指定有形文化財",
        "建造物",
        "中央町八幡神社",
        "中央町",
        1,
        "棟",
        "宗教法人中央町八幡神社",
        "1985-11-03",
        "江戸時代中期の一間社流造の本殿。彫刻が良好に残る。",
    ),
    (
        "木造阿弥陀如来坐像",
        "モクゾウアミダニョライザゾウ",
        "Wooden Seated Amida Buddha",
        "市指定有形文化財",
        "美術工芸品",
        "西原山宝林寺",
        "西原",
        1,
        "躯",
        "宗教法人宝林寺",
        "1990-03-15",
        "平安時代後期の作と伝わる寄木造の坐像。",
    ),
    (
        "デモ囃子",
        "デモバヤシ",
        "Demo Festival Music",
        "市指定無形民俗文化財",
        "芸能",
        "中央町八幡神社",
        "中央町",
        None,
        "",
        "デモ囃子保存会",
        "1979-10-10",
        "秋の例大祭で演奏される祭囃子。笛・太鼓・鉦で構成される。",
    ),
    (
        "東山の大ケヤキ",
        "ヒガシヤマノオオケヤキ",
        "Great Zelkova of Higashiyama",
        "市指定天然記念物",
        "その他",
        "東山不動尊境内",
        "東山",
        1,
        "本",
        "宗教法人東山不動尊",
        "1975-05-01",
        "樹齢約400年と推定されるケヤキの巨木。幹回り約7メートル。",
    ),
    (
        "松が丘古墳群",
        "マツガオカコフングン",
        "Matsugaoka Burial Mounds",
        "市指定史跡",
        "その他",
        "松が丘公園",
        "松が丘",
        5,
        "基",
        "デモ市",
        "1982-02-11",
        "古墳時代後期の円墳5基からなる古墳群。公園内で見学できる。",
    ),
    (
        "デモ城跡",
        "デモジョウアト",
        "Demo Castle Ruins",
        "市指定史跡",
        "その他",
        "デモ城跡公園",
        "東山",
        1,
        "件",
        "デモ市",
        "1970-11-03",
        "戦国時代の山城の跡。空堀と土塁が残る。",
    ),
    (
        "旧田中家住宅",
        "キュウタナカケジュウタク",
        "Former Tanaka Residence",
        "国登録有形文化財",
        "建造物",
        "旧田中家住宅",
        "本町",
        3,
        "棟",
        "デモ市",
        "2008-07-08",
        "大正期の商家。主屋・土蔵・門の3棟が登録されている。",
    ),
    (
        "川端の道標",
        "カワバタノドウヒョウ",
        "Kawabata Signpost",
        "市指定有形文化財",
        "その他",
        "川端町交差点",
        "川端町",
        1,
        "基",
        "デモ市",
        "1992-04-01",
        "江戸時代の道しるべ。旧街道の分岐点を示す。",
    ),
    (
        "デモ焼の製作技術",
        "デモヤキノセイサクギジュツ",
        "Demo Pottery Techniques",
        "市指定無形文化財",
        "工芸技術",
        "デモ市立郷土資料館",
        "東山",
        None,
        "",
        "デモ焼保存会",
        "2001-11-03",
        "明治期から続く素朴な陶器づくりの技術。",
    ),
    (
        "宝林寺山門",
        "ホウリンジサンモン",
        "Main Gate of Horin-ji",
        "市指定有形文化財",
        "建造物",
        "西原山宝林寺",
        "西原",
        1,
        "棟",
        "宗教法人宝林寺",
        "1990-03-15",
        "江戸時代後期の四脚門。",
    ),
    (
        "デモ村絵図",
        "デモムラエズ",
        "Map of Demo Village",
        "市指定有形文化財",
        "美術工芸品",
        "デモ市立郷土資料館",
        "東山",
        2,
        "枚",
        "デモ市",
        "1996-04-01",
        "江戸時代の村の様子を描いた彩色絵図。",
    ),
    (
        "獅子舞",
        "シシマイ",
        "Lion Dance",
        "市指定無形民俗文化財",
        "芸能",
        "西原地区",
        "西原",
        None,
        "",
        "西原獅子舞保存会",
        "1983-09-15",
        "西原地区に伝わる三匹獅子舞。",
    ),
    (
        "青葉の森のカタクリ群生地",
        "アオバノモリノカタクリグンセイチ",
        "Dogtooth Violet Colony of Aoba Forest",
        "市指定天然記念物",
        "その他",
        "青葉の森公園",
        "青葉町",
        1,
        "件",
        "デモ市",
        "2010-03-20",
        "早春にカタクリが群生する斜面林。",
    ),
)


def cultural_properties() -> list[Row]:
    """02 文化財一覧 (legacy layout)."""
    rows = []
    for number, item in enumerate(CULTURAL_PROPERTIES, start=1):
        (
            name,
            kana,
            name_en,
            category,
            kind,
            location,
            town,
            count,
            unit,
            owner,
            designated,
            summary,
        ) = item
        p = place(seeded("cultural", name), town)
        rows.append(
            legacy_head(number)
            | {
                "名称": name,
                "名称_カナ": kana,
                "名称_通称": "",
                "名称_英語": name_en,
                "文化財分類": category,
                "種類": kind,
                "場所名称": location,
                "住所": p.address,
                "方書": "",
                **coordinates(p),
                "電話番号": "",
                "内線番号": "",
                "員数（数）": "" if count is None else count,
                "員数（単位）": unit,
                "法人番号": CORPORATE_NUMBER if owner == NAME else "",
                "所有者等": owner,
                "文化財指定日": designated,
                "利用可能曜日": "",
                "開始時間": "",
                "終了時間": "",
                "利用可能日時特記事項": "公開日は所有者にお問い合わせください"
                if owner != NAME
                else "",
                "画像": f"{WEB}/bunkazai/images/{number:03d}.jpg",
                "画像_ライセンス": "CC BY 4.0",
                "概要": summary,
                "概要_英語": f"{name_en}, a cultural property of Demo City.",
                "説明": f"{summary}（デモ用の架空の文化財です）",
                "説明_英語": "A fictional cultural property for the Kanmin demo.",
                "URL": f"{WEB}/bunkazai/{number:03d}.html",
                "備考": "",
            }
        )
    return rows


# ------------------------------------------------------------------ 03 指定緊急避難場所一覧

FLOOD_RISK_TOWNS = {"川端町", "旭町"}
SLOPE_RISK_TOWNS = {"東山", "青葉町"}


def evacuation_sites() -> list[Row]:
    """03 指定緊急避難場所一覧 (current layout): schools, parks and community halls."""
    rng = seeded("evacuation-sites")
    sites = facilities("elementary", "junior_high", "park", "kominkan", "gym")
    rows = []
    for number, f in enumerate(sites, start=1):
        p = f.place
        town = f.town
        open_space = f.kind in ("park", "elementary", "junior_high")
        flood_ok = town.name not in FLOOD_RISK_TOWNS
        capacity = rng.randrange(400, 3000, 10) if open_space else rng.randrange(80, 400, 10)
        associations = ";".join(f"{town.name}{c}丁目自治会" for c in range(1, town.chome + 1))
        rows.append(
            {
                "全国地方公共団体コード": LGCODE,
                "ID": f"{LGCODE}E{number:05d}",
                "名称": f.name,
                "名称_カナ": f.kana,
                "名称_英字": f.name_en,
                **current_address(p),
                "建物名等(方書)": "校庭" if f.kind in ("elementary", "junior_high") else "",
                **coordinates(p),
                "標高": f"{rng.uniform(38, 120):.1f}",
                "電話番号": f.phone,
                "内線番号": "",
                "連絡先メールアドレス": f"bosai@{MAIL_DOMAIN}",
                "連絡先FormURL": "",
                "連絡先備考（その他、SNSなど）": "",
                "郵便番号": town.postal_code(),
                "市区町村コード": LGCODE,
                "地方公共団体名": FULL_NAME,
                "災害種別_洪水": "1" if flood_ok else "",
                "災害種別_崖崩れ、土石流及び地滑り": "" if town.name in SLOPE_RISK_TOWNS else "1",
                "災害種別_高潮": "",
                "災害種別_地震": "1",
                "災害種別_津波": "",
                "災害種別_大規模な火事": "1" if open_space else "",
                "災害種別_内水氾濫": "1" if flood_ok else "",
                "災害種別_火山現象": "",
                "指定避難所との重複": "" if f.kind == "park" else "1",
                "想定収容人数": f"{capacity}人（2平方メートルあたり1人）",
                "対象となる町会・自治会": associations,
                "URL": f"{WEB}/bosai/hinanbasho.html",
                "画像": "",
                "画像_ライセンス": "",
                "備考": "" if flood_ok else "洪水・内水氾濫時は使用できません（浸水想定区域内）",
            }
        )
    return rows


# ---------------------------------------------------------------- 04 地域・年齢別人口

AGE_BANDS = (
    "0-4",
    "5-9",
    "10-14",
    "15-19",
    "20-24",
    "25-29",
    "30-34",
    "35-39",
    "40-44",
    "45-49",
    "50-54",
    "55-59",
    "60-64",
    "65-69",
    "70-74",
    "75-79",
    "80-84",
)
# Rough shape of a Japanese suburban city's population pyramid (per cent of each sex).
MALE_SHAPE = (
    3.6,
    4.0,
    4.3,
    4.5,
    4.9,
    5.0,
    5.2,
    5.7,
    6.5,
    7.6,
    7.5,
    6.5,
    6.0,
    6.0,
    6.9,
    5.4,
    3.6,
    2.8,
)
FEMALE_SHAPE = (
    3.3,
    3.7,
    4.0,
    4.2,
    4.6,
    4.7,
    4.9,
    5.4,
    6.1,
    7.1,
    7.0,
    6.1,
    5.8,
    6.1,
    7.3,
    6.2,
    4.8,
    5.6,
)
POPULATION_DATES = ("2026-09-30", "2026-10-31")


def population_by_area_and_age(version: int = 1) -> list[Row]:
    """04 地域・年齢別人口 (inferred current layout), one row per 丁目.

    Version 2 is the same table a month later, with small changes.
    """
    rows = []
    for town in TOWNS:
        for chome in range(1, town.chome + 1):
            rng = seeded("population", town.name, str(chome))
            total = rng.randrange(700, 3600)
            drift = seeded("population-drift", town.name, str(chome), str(version))
            bands = {}
            for sex, shape, share in (("男性", MALE_SHAPE, 0.49), ("女性", FEMALE_SHAPE, 0.51)):
                people = total * share
                for label, weight in zip((*AGE_BANDS, "85歳以上"), shape, strict=True):
                    count = round(people * weight / sum(shape) * rng.uniform(0.8, 1.2))
                    if version > 1:
                        count = max(0, count + drift.randint(-3, 3))
                    key = f"{label}歳の{sex}" if label != "85歳以上" else f"85歳以上の{sex}"
                    bands[key] = count
            male = sum(v for k, v in bands.items() if k.endswith("男性"))
            female = sum(v for k, v in bands.items() if k.endswith("女性"))
            households = round((male + female) / rng.uniform(1.9, 2.4))
            if version > 1:
                households += drift.randint(-2, 4)
            rows.append(
                {
                    "全国地方公共団体コード": LGCODE,
                    "地域コード": town.machiaza_id(chome),
                    "地方公共団体名": FULL_NAME,
                    "調査年月日": POPULATION_DATES[version - 1],
                    "地域名": f"{town.name}{chome}丁目",
                    "総人口": male + female,
                    "男性": male,
                    "女性": female,
                    **bands,
                    "世帯数": households,
                    "備考": "",
                }
            )
    return rows


# ------------------------------------------------------------------------ 05 子育て施設一覧

CHILDCARE = (
    # 名称, カナ, 種別, 町, 団体名, 定員, 受入年齢, 開始, 終了, 一時預かり, 認可等年月日
    (
        "デモ市立中央保育園",
        "デモシリツチュウオウホイクエン",
        "認可公立保育所",
        "中央町",
        NAME,
        120,
        "生後57日～5歳",
        "07:00",
        "19:00",
        "有",
        "1972-04-01",
    ),
    (
        "デモ市立緑町保育園",
        "デモシリツミドリチョウホイクエン",
        "認可公立保育所",
        "緑町",
        NAME,
        90,
        "生後6か月～5歳",
        "07:00",
        "19:00",
        "無",
        "1978-04-01",
    ),
    (
        "デモ市立旭保育園",
        "デモシリツアサヒホイクエン",
        "認可公立保育所",
        "旭町",
        NAME,
        100,
        "生後6か月～5歳",
        "07:00",
        "19:00",
        "有",
        "1981-04-01",
    ),
    (
        "さくら保育園",
        "サクラホイクエン",
        "認可私立保育所",
        "桜台",
        "社会福祉法人デモ福祉会",
        110,
        "生後57日～5歳",
        "07:00",
        "20:00",
        "有",
        "1995-04-01",
    ),
    (
        "ひまわり保育園",
        "ヒマワリホイクエン",
        "認可私立保育所",
        "若葉台",
        "社会福祉法人ひまわり会",
        80,
        "生後6か月～5歳",
        "07:00",
        "19:00",
        "無",
        "2003-04-01",
    ),
    (
        "あおぞら保育園",
        "アオゾラホイクエン",
        "認可私立保育所",
        "青葉町",
        "株式会社デモキッズ",
        60,
        "生後6か月～5歳",
        "07:30",
        "19:30",
        "有",
        "2015-04-01",
    ),
    (
        "こばと保育園",
        "コバトホイクエン",
        "認可私立保育所",
        "栄町",
        "社会福祉法人こばと会",
        90,
        "生後57日～5歳",
        "07:00",
        "19:00",
        "無",
        "1988-04-01",
    ),
    (
        "わかば保育園",
        "ワカバホイクエン",
        "認可私立保育所",
        "若葉台",
        "社会福祉法人デモ福祉会",
        70,
        "生後6か月～5歳",
        "07:00",
        "19:00",
        "有",
        "2009-04-01",
    ),
    (
        "すずらん保育園",
        "スズランホイクエン",
        "認可私立保育所",
        "富士見町",
        "株式会社デモキッズ",
        45,
        "生後6か月～2歳",
        "07:30",
        "19:30",
        "無",
        "2018-04-01",
    ),
    (
        "デモ市立中央幼稚園",
        "デモシリツチュウオウヨウチエン",
        "公立幼稚園",
        "中央町",
        NAME,
        105,
        "3歳～5歳",
        "08:30",
        "14:00",
        "無",
        "1965-04-01",
    ),
    (
        "デモ市立西原幼稚園",
        "デモシリツニシハラヨウチエン",
        "公立幼稚園",
        "西原",
        NAME,
        70,
        "4歳～5歳",
        "08:30",
        "14:00",
        "無",
        "1970-04-01",
    ),
    (
        "みどり幼稚園",
        "ミドリヨウチエン",
        "私立幼稚園",
        "緑町",
        "学校法人デモ学園",
        210,
        "3歳～5歳",
        "08:30",
        "14:30",
        "有",
        "1968-04-01",
    ),
    (
        "あおば幼稚園",
        "アオバヨウチエン",
        "私立幼稚園",
        "青葉町",
        "学校法人あおば学園",
        180,
        "3歳～5歳",
        "08:45",
        "14:30",
        "有",
        "1974-04-01",
    ),
    (
        "認定こども園もりのこ",
        "ニンテイコドモエンモリノコ",
        "認定こども園（幼保連携型）",
        "松が丘",
        "社会福祉法人デモ福祉会",
        150,
        "生後57日～5歳",
        "07:00",
        "19:00",
        "有",
        "2016-04-01",
    ),
    (
        "認定こども園ひかり幼稚園",
        "ニンテイコドモエンヒカリヨウチエン",
        "認定こども園（幼稚園型）",
        "本町",
        "学校法人ひかり学園",
        190,
        "1歳～5歳",
        "07:30",
        "18:30",
        "有",
        "2017-04-01",
    ),
    (
        "認定こども園そらいろ",
        "ニンテイコドモエンソライロ",
        "認定こども園（保育所型）",
        "東山",
        "社会福祉法人そらいろ会",
        95,
        "生後6か月～5歳",
        "07:00",
        "19:00",
        "無",
        "2019-04-01",
    ),
    (
        "ベビールームひだまり",
        "ベビールームヒダマリ",
        "認可外保育所",
        "本町",
        "株式会社ひだまり",
        19,
        "生後6か月～2歳",
        "08:00",
        "20:00",
        "有",
        "2020-10-01",
    ),
    (
        "キッズスペースにじいろ",
        "キッズスペースニジイロ",
        "認可外保育所",
        "栄町",
        "株式会社デモキッズ",
        25,
        "1歳～5歳",
        "07:30",
        "21:00",
        "有",
        "2021-06-01",
    ),
    (
        "旭町小規模保育室",
        "アサヒチョウショウキボホイクシツ",
        "認可私立保育所",
        "旭町",
        "特定非営利活動法人ささえあいデモ",
        19,
        "生後57日～2歳",
        "07:30",
        "18:30",
        "無",
        "2016-04-01",
    ),
    (
        "西原保育園",
        "ニシハラホイクエン",
        "認可私立保育所",
        "西原",
        "社会福祉法人こばと会",
        100,
        "生後57日～5歳",
        "07:00",
        "19:00",
        "有",
        "1999-04-01",
    ),
)


def childcare_facilities() -> list[Row]:
    """05 子育て施設一覧 (legacy layout)."""
    rng = seeded("childcare")
    rows = []
    for number, item in enumerate(CHILDCARE, start=1):
        name, kana, kind, town, operator, capacity, ages, opens, closes, temporary, since = item
        p = place(seeded("childcare", name), town)
        public = operator == NAME
        rows.append(
            legacy_head(number)
            | {
                "名称": name,
                "名称_カナ": kana,
                "種別": kind,
                "住所": p.address,
                "方書": "",
                **coordinates(p),
                "アクセス方法": rng.choice(
                    (
                        f"デモ駅から徒歩{rng.randint(3, 15)}分",
                        f"市内循環バス「{town}」下車徒歩{rng.randint(1, 6)}分",
                    )
                ),
                "駐車場情報": rng.choice(
                    ("なし", "送迎用2台", "送迎用5台", "近隣の市営駐車場を利用")
                ),
                "電話番号": phone(seeded("childcare-phone", name)),
                "内線番号": "",
                "FAX番号": phone(seeded("childcare-fax", name)),
                "法人番号": CORPORATE_NUMBER if public else "",
                "団体名": operator,
                "認可等年月日": since,
                "収容定員": capacity,
                "受入年齢": ages,
                "利用可能曜日": "月火水木金" if "幼稚園" in kind else "月火水木金土",
                "開始時間": opens,
                "終了時間": closes,
                "利用可能日時特記事項": "土曜日は18時まで"
                if "幼稚園" not in kind
                else "預かり保育あり",
                "一時預かりの有無": temporary,
                "URL": f"{WEB}/kosodate/shisetsu/{number:03d}.html",
                "備考": "",
            }
        )
    return rows


# --------------------------------------------------------------- 07 公衆無線LANアクセスポイント

WIFI_AREAS = {
    "city_hall": "1階ロビー;2階市民相談室前",
    "branch": "窓口待合",
    "library": "館内全域",
    "gym": "1階ロビー",
    "hall": "ホワイエ;1階ロビー",
    "museum": "展示室;休憩室",
    "kominkan": "1階ロビー",
    "civic": "交流スペース",
    "health": "待合室",
    "industry": "貸会議室",
}
WIFI_OUTDOOR = (
    ("デモ駅前広場", "デモエキマエヒロバ", "Demo Station Plaza", "本町", "駅前広場"),
    (
        "デモ市観光案内所",
        "デモシカンコウアンナイジョ",
        "Demo City Tourist Information Centre",
        "本町",
        "案内所内",
    ),
    (
        "デモ市総合運動公園",
        "デモシソウゴウウンドウコウエン",
        "Demo City Sports Park",
        "栄町",
        "管理棟周辺",
    ),
)


def public_wifi() -> list[Row]:
    """07 公衆無線LANアクセスポイント一覧 (legacy layout)."""
    rows = []
    entries = [
        (f.name, f.kana, f.name_en, f.place, f.phone, WIFI_AREAS[f.kind])
        for f in city.FACILITIES
        if f.kind in WIFI_AREAS
    ]
    for name, kana, name_en, town, area in WIFI_OUTDOOR:
        entries.append(
            (
                name,
                kana,
                name_en,
                place(seeded("wifi", name), town),
                phone(seeded("wifi-phone", name)),
                area,
            )
        )
    for number, (name, kana, name_en, p, tel, area) in enumerate(entries, start=1):
        rows.append(
            legacy_head(number)
            | {
                "名称": name,
                "名称_カナ": kana,
                "名称_英語": name_en,
                "住所": p.address,
                "方書": "",
                **coordinates(p),
                "設置者": NAME,
                "電話番号": tel,
                "内線番号": "",
                "SSID": "Demo_City_Free_Wi-Fi",
                "提供エリア": area,
                "URL": f"{WEB}/wifi/",
                "備考": "災害時は認証なしで接続できる「00000JAPAN」を開放します",
            }
        )
    return rows


# ------------------------------------------------------------------------ 08 AED設置箇所一覧

AED_POSITIONS = {
    "city_hall": ("1階 総合案内横", "5階 エレベーターホール"),
    "branch": ("窓口カウンター横",),
    "library": ("1階 カウンター横",),
    "gym": ("1階 事務室前", "2階 アリーナ入口"),
    "pool": ("管理棟 受付",),
    "hall": ("1階 ホワイエ",),
    "museum": ("受付",),
    "kominkan": ("1階 事務室前",),
    "health": ("1階 受付",),
    "jidokan": ("事務室",),
    "civic": ("受付",),
    "industry": ("1階 エントランス",),
    "kindergarten": ("職員室",),
    "elementary": ("体育館入口",),
    "junior_high": ("体育館入口", "職員室前"),
}
AED_OTHER = (
    # 名称, カナ, 町, 設置位置, 団体名, 24時間
    ("デモ駅", "デモエキ", "本町", "東口改札内 駅事務室前", "デモ電鉄株式会社", True),
    ("デモ市民病院", "デモシミンビョウイン", "中央町", "1階 救急外来入口", "デモ市民病院", True),
    ("デモ市消防本部", "デモシショウボウホンブ", "旭町", "1階 正面玄関", NAME, True),
    (
        "デモ中央郵便局",
        "デモチュウオウユウビンキョク",
        "中央町",
        "窓口ロビー",
        "デモ中央郵便局",
        False,
    ),
    ("デモ市商工会館", "デモシショウコウカイカン", "本町", "2階 事務局前", "デモ市商工会", False),
    (
        "デモショッピングプラザ",
        "デモショッピングプラザ",
        "栄町",
        "1階 サービスカウンター",
        "株式会社デモ商業開発",
        False,
    ),
    (
        "桜台コミュニティ広場",
        "サクラダイコミュニティヒロバ",
        "桜台",
        "管理棟 外壁（屋外ボックス）",
        NAME,
        True,
    ),
)


def aed_locations() -> list[Row]:
    """08 AED設置箇所一覧 (legacy layout): one row per AED."""
    rng = seeded("aed")
    rows: list[Row] = []

    def add(name, kana, p, position, tel, organisation, days, opens, closes, note, child):
        rows.append(
            legacy_head(len(rows) + 1)
            | {
                "名称": name,
                "名称_カナ": kana,
                "住所": p.address,
                "方書": "",
                **coordinates(p),
                "設置位置": position,
                "電話番号": tel,
                "内線番号": "",
                "法人番号": CORPORATE_NUMBER if organisation == NAME else "",
                "団体名": organisation,
                "利用可能曜日": days,
                "開始時間": opens,
                "終了時間": closes,
                "利用可能日時特記事項": note,
                "小児対応設備の有無": child,
                "URL": "",
                "備考": "",
            }
        )

    for f in city.FACILITIES:
        for position in AED_POSITIONS.get(f.kind, ()):
            child = (
                "有"
                if f.kind in ("kindergarten", "elementary", "jidokan", "library", "pool")
                else rng.choice(("有", "無"))
            )
            if f.kind in ("elementary", "junior_high"):
                days, opens, closes = "月火水木金", "08:00", "17:00"
                note = "学校の開校時間内のみ利用可"
            else:
                days, opens, closes, note = f.days, f.opens, f.closes, f.hours_note
            add(f.name, f.kana, f.place, position, f.phone, NAME, days, opens, closes, note, child)
    for name, kana, town, position, organisation, all_day in AED_OTHER:
        p = place(seeded("aed-other", name), town)
        tel = phone(seeded("aed-phone", name))
        if all_day:
            add(
                name,
                kana,
                p,
                position,
                tel,
                organisation,
                "月火水木金土日",
                "",
                "",
                "24時間利用可",
                "有",
            )
        else:
            add(
                name,
                kana,
                p,
                position,
                tel,
                organisation,
                "月火水木金土",
                "09:00",
                "18:00",
                "営業時間内のみ利用可",
                rng.choice(("有", "無")),
            )
    return rows


# ---------------------------------------------------------------- 09 介護サービス事業所一覧

CARE_SERVICES = (
    # 実施サービス, 名称の前半, カナ, 定員（None: 訪問系）
    ("訪問介護", "ヘルパーステーション", "ヘルパーステーション", None),
    ("通所介護", "デイサービスセンター", "デイサービスセンター", (18, 40)),
    ("短期入所生活介護", "ショートステイ", "ショートステイ", (10, 30)),
    ("介護老人福祉施設", "特別養護老人ホーム", "トクベツヨウゴロウジンホーム", (50, 100)),
    ("居宅介護支援", "ケアプランセンター", "ケアプランセンター", None),
    ("訪問看護", "訪問看護ステーション", "ホウモンカンゴステーション", None),
    ("認知症対応型共同生活介護", "グループホーム", "グループホーム", (9, 18)),
    ("小規模多機能型居宅介護", "小規模多機能ホーム", "ショウキボタキノウホーム", (25, 29)),
)
CARE_NICKNAMES = (
    ("さくら", "サクラ"),
    ("みどりの里", "ミドリノサト"),
    ("ひだまり", "ヒダマリ"),
    ("あおば", "アオバ"),
    ("かがやき", "カガヤキ"),
    ("なごみ", "ナゴミ"),
    ("ふれあい", "フレアイ"),
    ("やすらぎ", "ヤスラギ"),
    ("けやき", "ケヤキ"),
    ("つばさ", "ツバサ"),
)
CARE_OPERATORS = (
    "社会福祉法人デモ福祉会",
    "株式会社デモケアサービス",
    "医療法人社団デモ会",
    "特定非営利活動法人ささえあいデモ",
    "社会福祉法人デモ市社会福祉協議会",
)


def care_service_offices() -> list[Row]:
    """09 介護サービス事業所一覧 (legacy layout)."""
    rng = seeded("care")
    rows = []
    seen = set()
    while len(rows) < 30:
        service, prefix, prefix_kana, capacity = rng.choice(CARE_SERVICES)
        nick, nick_kana = rng.choice(CARE_NICKNAMES)
        name = f"{prefix}{nick}"
        if name in seen:
            continue
        seen.add(name)
        p = place(rng)
        visiting = capacity is None
        rows.append(
            legacy_head(len(rows) + 1)
            | {
                "介護サービス事業所名称": name,
                "介護サービス事業所名称_カナ": prefix_kana + nick_kana,
                "実施サービス": service,
                "住所": p.address,
                "方書": "",
                **coordinates(p),
                "電話番号": phone(rng),
                "内線番号": "",
                "FAX番号": phone(rng),
                "法人番号": "",
                "法人の名称": rng.choice(CARE_OPERATORS),
                # 事業所番号: 10 digits; 13999 is not a prefix the 東京都 numbering uses.
                "事業所番号": f"13999{len(rows) + 1:05d}",
                "利用可能曜日": "月火水木金土日"
                if not visiting and capacity[0] < 50
                else "月火水木金土",
                "利用可能曜日特記事項": "年末年始を除く" if visiting else "",
                "定員": "" if visiting else rng.randint(*capacity),
                "URL": "",
                "備考": "",
            }
        )
    return rows


# ------------------------------------------------------------------------ 10 医療機関一覧

CLINIC_KINDS = (
    # 名称の後半, カナ, 診療科目, 種類, 病床数の範囲
    ("内科クリニック", "ナイカクリニック", "内科;消化器内科", "無床診療所", (0, 0)),
    ("こどもクリニック", "コドモクリニック", "小児科;アレルギー科", "無床診療所", (0, 0)),
    ("皮フ科", "ヒフカ", "皮膚科", "無床診療所", (0, 0)),
    ("眼科", "ガンカ", "眼科", "無床診療所", (0, 0)),
    ("耳鼻咽喉科", "ジビインコウカ", "耳鼻いんこう科", "無床診療所", (0, 0)),
    ("整形外科", "セイケイゲカ", "整形外科;リハビリテーション科", "有床診療所", (4, 19)),
    ("歯科医院", "シカイイン", "歯科;小児歯科;矯正歯科", "無床診療所", (0, 0)),
    ("レディースクリニック", "レディースクリニック", "産婦人科", "有床診療所", (6, 19)),
    ("クリニック", "クリニック", "内科;循環器内科", "無床診療所", (0, 0)),
    ("メンタルクリニック", "メンタルクリニック", "精神科;心療内科", "無床診療所", (0, 0)),
)
CLINIC_PREFIXES = (
    ("ひまわり", "ヒマワリ"),
    ("すずらん", "スズラン"),
    ("けやき", "ケヤキ"),
    ("みずき", "ミズキ"),
    ("さくら", "サクラ"),
    ("やまびこ", "ヤマビコ"),
)
HOSPITALS = (
    (
        "デモ市民病院",
        "デモシミンビョウイン",
        "中央町",
        NAME,
        312,
        "内科;外科;小児科;整形外科;産婦人科;眼科;耳鼻いんこう科;皮膚科;泌尿器科;脳神経外科;救急科",
        "救急外来は24時間対応",
    ),
    (
        "さくら台病院",
        "サクラダイビョウイン",
        "桜台",
        "医療法人社団デモ会",
        120,
        "内科;外科;整形外科;リハビリテーション科",
        "夜間・休日は当番日のみ対応",
    ),
    (
        "東山リハビリテーション病院",
        "ヒガシヤマリハビリテーションビョウイン",
        "東山",
        "医療法人社団デモ会",
        96,
        "リハビリテーション科;内科",
        "入院患者のみ対応",
    ),
)


def medical_institutions() -> list[Row]:
    """10 医療機関一覧 (legacy layout): 3 hospitals and about 40 clinics."""
    rng = seeded("medical")
    rows: list[Row] = []
    for name, kana, town, operator, beds, subjects, after_hours in HOSPITALS:
        p = place(seeded("hospital", name), town)
        rows.append(
            legacy_head(len(rows) + 1)
            | {
                "名称": name,
                "名称_カナ": kana,
                "医療機関の種類": "病院",
                "住所": p.address,
                "方書": "",
                **coordinates(p),
                "電話番号": phone(rng),
                "内線番号": "",
                "FAX番号": phone(rng),
                "法人番号": CORPORATE_NUMBER if operator == NAME else "",
                "法人の名称": operator,
                "医療機関コード": "",
                "診療曜日": "月火水木金土",
                "診療開始時間": "08:30",
                "診療終了時間": "17:00",
                "診療日時特記事項": "土曜日は午前のみ。受付は診療終了の30分前まで",
                "時間外における対応": after_hours,
                "診療科目": subjects,
                "病床数": beds,
                "URL": f"https://hospital{len(rows) + 1:02d}.demo.example/",
                "備考": "",
            }
        )
    seen = set()
    while len(rows) < 43:
        suffix, suffix_kana, subjects, kind, beds = rng.choice(CLINIC_KINDS)
        if rng.random() < 0.6:
            town = rng.choice(TOWNS)
            prefix, prefix_kana = town.name, town.kana
        else:
            town = None
            prefix, prefix_kana = rng.choice(CLINIC_PREFIXES)
        name = f"{prefix}{suffix}"
        if name in seen:
            continue
        seen.add(name)
        p = place(rng, town)
        half_day = rng.choice(("木", "水", "土"))
        rows.append(
            legacy_head(len(rows) + 1)
            | {
                "名称": name,
                "名称_カナ": prefix_kana + suffix_kana,
                "医療機関の種類": kind,
                "住所": p.address,
                "方書": rng.choice(("", "", f"{NAME}{p.town.name}ビル2階", "メディカルモール1階")),
                **coordinates(p),
                "電話番号": phone(rng),
                "内線番号": "",
                "FAX番号": phone(rng),
                "法人番号": "",
                "法人の名称": rng.choice(("", f"医療法人社団{prefix}会")),
                "医療機関コード": "",
                "診療曜日": "月火水木金土",
                "診療開始時間": rng.choice(("08:30", "09:00", "09:30")),
                "診療終了時間": rng.choice(("18:00", "18:30", "19:00")),
                "診療日時特記事項": f"{half_day}曜日は午前のみ。昼休み12時30分から14時30分",
                "時間外における対応": "",
                "診療科目": subjects,
                "病床数": rng.randint(*beds),
                "URL": f"https://clinic{len(rows) + 1:02d}.demo.example/",
                "備考": "",
            }
        )
    return rows


# ------------------------------------------------------------------------ 11 観光施設一覧

TOURIST = (
    # 名称, カナ, 英語, POI, 町, 曜日, 開始, 終了, 料金, 料金詳細, 説明, 英語説明
    (
        "デモ市観光案内所",
        "デモシカンコウアンナイジョ",
        "Demo City Tourist Information Centre",
        "1001",
        "本町",
        "月火水木金土日",
        "09:00",
        "18:00",
        0,
        "無料",
        "デモ駅東口すぐの観光案内所。パンフレットとレンタサイクルがあります。",
        "Tourist information next to Demo Station, with brochures and rental bicycles.",
    ),
    (
        "デモ城跡公園",
        "デモジョウアトコウエン",
        "Demo Castle Ruins Park",
        "0608",
        "東山",
        "月火水木金土日",
        "",
        "",
        0,
        "無料",
        "戦国時代の山城の跡を整備した公園。空堀と土塁が残ります。",
        "Park on the site of a 16th-century hill castle.",
    ),
    (
        "デモ城跡展望台",
        "デモジョウアトテンボウダイ",
        "Demo Castle Observation Deck",
        "0203",
        "東山",
        "月火水木金土日",
        "08:00",
        "17:00",
        0,
        "無料",
        "市内を一望できる展望台。晴れた日には富士山が見えます。",
        "Lookout over the city; Mount Fuji is visible on clear days.",
    ),
    (
        "東山不動の滝",
        "ヒガシヤマフドウノタキ",
        "Higashiyama Fudo Falls",
        "0113",
        "東山",
        "月火水木金土日",
        "",
        "",
        0,
        "無料",
        "落差12メートルの滝。夏は涼を求める人でにぎわいます。",
        "A 12-metre waterfall popular in summer.",
    ),
    (
        "デモ温泉ゆけむりの湯",
        "デモオンセンユケムリノユ",
        "Demo Onsen Yukemuri no Yu",
        "0901",
        "川端町",
        "月火水金土日",
        "10:00",
        "22:00",
        800,
        "大人800円;小学生400円;未就学児無料",
        "川沿いの日帰り温泉。露天風呂と食事処があります。",
        "Day-trip hot spring by the river with an open-air bath.",
    ),
    (
        "中央町八幡神社",
        "チュウオウチョウハチマンジンジャ",
        "Chuo-cho Hachiman Shrine",
        "0701",
        "中央町",
        "月火水木金土日",
        "",
        "",
        0,
        "無料",
        "市の中心にある神社。秋の例大祭ではデモ囃子が奉納されます。",
        "Shrine in the city centre, famous for its autumn festival.",
    ),
    (
        "西原山宝林寺",
        "ニシハラサンホウリンジ",
        "Horin-ji Temple",
        "0702",
        "西原",
        "月火水木金土日",
        "09:00",
        "16:00",
        0,
        "無料（本堂拝観は要予約）",
        "市指定文化財の山門と阿弥陀如来坐像がある寺院。",
        "Temple with a listed gate and a Heian-period Buddha statue.",
    ),
    (
        "デモ市立郷土資料館",
        "デモシリツキョウドシリョウカン",
        "Demo City Local History Museum",
        "0803",
        "東山",
        "火水木金土日",
        "09:30",
        "16:30",
        200,
        "一般200円;中学生以下無料",
        "デモ市の歴史と暮らしを紹介する資料館。旧村役場庁舎も見学できます。",
        "Museum of local history with a relocated Meiji-era village office.",
    ),
    (
        "デモ市ふれあい植物園",
        "デモシフレアイショクブツエン",
        "Demo City Botanical Garden",
        "0805",
        "若葉台",
        "火水木金土日",
        "09:00",
        "17:00",
        300,
        "一般300円;65歳以上150円;中学生以下無料",
        "約1,500種の植物を展示する植物園。春のバラ園が人気です。",
        "Botanical garden with about 1,500 species and a rose garden.",
    ),
    (
        "旧田中家住宅",
        "キュウタナカケジュウタク",
        "Former Tanaka Residence",
        "0611",
        "本町",
        "水木金土日",
        "10:00",
        "16:00",
        100,
        "一般100円",
        "大正期の商家と庭園を公開しています。",
        "Taisho-era merchant house and garden.",
    ),
    (
        "青葉の森公園",
        "アオバノモリコウエン",
        "Aoba Forest Park",
        "1003",
        "青葉町",
        "月火水木金土日",
        "08:00",
        "18:00",
        0,
        "無料",
        "雑木林を生かした公園。早春にはカタクリの花が咲きます。",
        "Woodland park known for dogtooth violets in early spring.",
    ),
    (
        "デモ市総合運動公園",
        "デモシソウゴウウンドウコウエン",
        "Demo City Sports Park",
        "1003",
        "栄町",
        "月火水木金土日",
        "06:00",
        "22:00",
        0,
        "入園無料（運動施設は有料）",
        "陸上競技場、野球場、テニスコートがある運動公園。桜の名所です。",
        "Sports park with an athletics track; a cherry-blossom spot.",
    ),
    (
        "川端ほたるの里",
        "カワバタホタルノサト",
        "Kawabata Firefly Village",
        "1003",
        "川端町",
        "月火水木金土日",
        "",
        "",
        0,
        "無料",
        "初夏にゲンジボタルが見られる水辺の公園。",
        "Waterside park where fireflies can be seen in early summer.",
    ),
)


def tourist_facilities() -> list[Row]:
    """11 観光施設一覧 (legacy layout)."""
    rng = seeded("tourist")
    rows = []
    for number, item in enumerate(TOURIST, start=1):
        (name, kana, name_en, poi, town, days, opens, closes, fee, fee_detail, text, text_en) = item
        p = place(seeded("tourist", name), town)
        rows.append(
            legacy_head(number)
            | {
                "名称": name,
                "名称_カナ": kana,
                "名称_英語": name_en,
                "POIコード": poi,
                "住所": p.address,
                "方書": "",
                **coordinates(p),
                "利用可能曜日": days,
                "開始時間": opens,
                "終了時間": closes,
                "利用可能日時特記事項": "" if opens else "終日見学可",
                "料金（基本）": fee,
                "料金（詳細）": fee_detail,
                "説明": text,
                "説明_英語": text_en,
                "アクセス方法": f"デモ駅から{rng.choice(('徒歩', 'バス'))}{rng.randint(5, 25)}分",
                "駐車場情報": rng.choice(
                    ("なし", "無料駐車場20台", "有料駐車場あり", "無料駐車場50台")
                ),
                "バリアフリー情報": rng.choice(
                    ("車椅子対応トイレあり", "段差あり", "スロープあり")
                ),
                "連絡先名称": "デモ市観光振興課",
                "連絡先電話番号": city.DEPARTMENTS_BY_NAME["観光振興課"].phone,
                "連絡先内線番号": "",
                "画像": f"{WEB}/kanko/images/{number:03d}.jpg",
                "画像_ライセンス": "CC BY 4.0",
                "URL": f"{WEB}/kanko/spot/{number:03d}.html",
                "備考": "",
            }
        )
    return rows


# ------------------------------------------------------------------------ 12 イベント一覧

EVENTS = (
    # 名称, カナ, 英語, 開始日, 終了日, 開始, 終了, 場所, 料金, 料金詳細, 説明, 定員, 申込
    (
        "冬のイルミネーション",
        "フユノイルミネーション",
        "Winter Illumination",
        "2026-12-01",
        "2027-01-10",
        "17:00",
        "22:00",
        "デモ市中央公園",
        0,
        "無料",
        "中央公園の木々を約10万球の電球で彩ります。",
        None,
        "",
    ),
    (
        "図書館おはなし会（12月）",
        "トショカンオハナシカイ",
        "Story Time at the Library",
        "2026-12-05",
        "2026-12-05",
        "11:00",
        "11:30",
        "デモ市立中央図書館",
        0,
        "無料",
        "3歳から小学校低学年向けの絵本の読み聞かせです。",
        30,
        "",
    ),
    (
        "市民防災訓練",
        "シミンボウサイクンレン",
        "Citizens' Disaster Drill",
        "2026-12-06",
        "2026-12-06",
        "09:00",
        "12:00",
        "デモ市立中央小学校",
        0,
        "無料",
        "地震を想定した避難訓練、初期消火、AEDの使い方の体験を行います。",
        None,
        "",
    ),
    (
        "年末大掃除ごみ持ち込み臨時受付",
        "ネンマツオオソウジゴミモチコミリンジウケツケ",
        "Year-end Waste Drop-off",
        "2026-12-26",
        "2026-12-27",
        "09:00",
        "15:00",
        "デモ市クリーンセンター",
        0,
        "無料（10kgを超える分は有料）",
        "年末の大掃除で出たごみの持ち込みを臨時で受け付けます。",
        None,
        "",
    ),
    (
        "二十歳のつどい",
        "ハタチノツドイ",
        "Coming-of-Age Ceremony",
        "2027-01-11",
        "2027-01-11",
        "13:30",
        "15:00",
        "デモ市民文化会館",
        0,
        "無料",
        "令和8年度に20歳を迎える方のお祝いの式典です。",
        1200,
        "",
    ),
    (
        "新春凧あげ大会",
        "シンシュンタコアゲタイカイ",
        "New Year Kite Festival",
        "2027-01-17",
        "2027-01-17",
        "10:00",
        "12:00",
        "デモ市総合運動公園",
        0,
        "無料",
        "手作り凧の教室と凧あげ大会。凧は会場で作れます。",
        100,
        "当日会場で受付",
    ),
    (
        "デモ市民マラソン大会",
        "デモシミンマラソンタイカイ",
        "Demo City Marathon",
        "2027-02-07",
        "2027-02-07",
        "08:30",
        "14:00",
        "デモ市総合運動公園",
        3000,
        "一般3,000円;高校生以下1,500円",
        "ハーフ・10km・3km・親子ペアの4部門。",
        3000,
        "インターネットで申込",
    ),
    (
        "梅まつり",
        "ウメマツリ",
        "Plum Blossom Festival",
        "2027-02-20",
        "2027-03-07",
        "09:00",
        "16:00",
        "青葉の森公園",
        0,
        "無料",
        "約300本の梅が咲く園内で、野点や物産展を開催します。",
        None,
        "",
    ),
    (
        "子育て講座「離乳食の進め方」",
        "コソダテコウザリニュウショクノススメカタ",
        "Parenting Class: Weaning Food",
        "2027-01-20",
        "2027-01-20",
        "10:00",
        "11:30",
        "デモ市保健センター",
        0,
        "無料",
        "管理栄養士が離乳食の進め方を実演します。",
        20,
        "電話で子育て支援課へ",
    ),
    (
        "親子ふれあい体操",
        "オヤコフレアイタイソウ",
        "Parent-and-Child Exercise",
        "2027-02-03",
        "2027-02-03",
        "10:30",
        "11:30",
        "デモ市立中央児童館",
        0,
        "無料",
        "1歳から3歳の子どもと保護者向けの体操教室です。",
        15,
        "窓口または電話で",
    ),
    (
        "環境フェア2027",
        "カンキョウフェア",
        "Environment Fair 2027",
        "2027-03-13",
        "2027-03-13",
        "10:00",
        "15:00",
        "デモ市民文化会館",
        0,
        "無料",
        "ごみ減量やリサイクルの展示、フリーマーケットを行います。",
        None,
        "",
    ),
    (
        "郷土資料館企画展「デモ焼の100年」",
        "キョウドシリョウカンキカクテンデモヤキノヒャクネン",
        "Exhibition: 100 Years of Demo Pottery",
        "2027-01-05",
        "2027-03-28",
        "09:30",
        "16:30",
        "デモ市立郷土資料館",
        200,
        "一般200円;中学生以下無料",
        "市指定無形文化財デモ焼の歩みを紹介します。",
        None,
        "",
    ),
    (
        "健康ウォーキング教室",
        "ケンコウウォーキングキョウシツ",
        "Health Walking Class",
        "2027-03-06",
        "2027-03-06",
        "09:30",
        "11:30",
        "デモ市総合運動公園",
        0,
        "無料",
        "正しい歩き方を学び、公園内を歩きます。",
        40,
        "電話で健康福祉課へ",
    ),
    (
        "市民文化祭 作品展示",
        "シミンブンカサイサクヒンテンジ",
        "Citizens' Culture Festival",
        "2026-12-11",
        "2026-12-13",
        "10:00",
        "17:00",
        "デモ市民文化会館",
        0,
        "無料",
        "市民サークルの絵画・書道・写真作品を展示します。",
        None,
        "",
    ),
    (
        "クリスマスコンサート",
        "クリスマスコンサート",
        "Christmas Concert",
        "2026-12-20",
        "2026-12-20",
        "14:00",
        "16:00",
        "デモ市民文化会館",
        1000,
        "全席自由1,000円;小学生以下無料",
        "デモ市民吹奏楽団によるクリスマスコンサート。",
        1200,
        "文化会館窓口で前売券販売",
    ),
    (
        "プログラミング教室（小学生）",
        "プログラミングキョウシツ",
        "Programming Class for Children",
        "2027-02-13",
        "2027-02-13",
        "13:00",
        "15:00",
        "デモ市産業振興センター",
        500,
        "教材費500円",
        "タブレットを使ってゲームづくりに挑戦します。",
        20,
        "インターネットで申込",
    ),
    (
        "オープンデータ活用ワークショップ",
        "オープンデータカツヨウワークショップ",
        "Open Data Workshop",
        "2027-02-27",
        "2027-02-27",
        "13:30",
        "16:30",
        "デモ市市民活動センター",
        0,
        "無料",
        "市のオープンデータを使って地域の課題を考えます。",
        30,
        "インターネットで申込",
    ),
    (
        "ほたる観賞の夕べ（予告）",
        "ホタルカンショウノユウベ",
        "Firefly Viewing Evening",
        "2027-06-05",
        "2027-06-06",
        "19:00",
        "21:00",
        "川端ほたるの里",
        0,
        "無料",
        "ゲンジボタルの観賞会。詳細は5月に公表します。",
        None,
        "",
    ),
    (
        "桜まつり",
        "サクラマツリ",
        "Cherry Blossom Festival",
        "2027-03-27",
        "2027-04-04",
        "10:00",
        "20:00",
        "デモ市総合運動公園",
        0,
        "無料",
        "夜桜のライトアップと模擬店。",
        None,
        "",
    ),
    (
        "消防フェア",
        "ショウボウフェア",
        "Fire Service Fair",
        "2027-03-07",
        "2027-03-07",
        "10:00",
        "14:00",
        "デモ市消防本部",
        0,
        "無料",
        "はしご車の見学や煙体験ができます。",
        None,
        "",
    ),
)
EVENT_PLACES = {
    "デモ市クリーンセンター": "川端町",
    "デモ市消防本部": "旭町",
    "川端ほたるの里": "川端町",
}


def events() -> list[Row]:
    """12 イベント一覧 (legacy layout)."""
    rng = seeded("events")
    rows = []
    for number, item in enumerate(EVENTS, start=1):
        (
            name,
            kana,
            name_en,
            start,
            end,
            opens,
            closes,
            venue,
            fee,
            fee_detail,
            text,
            capacity,
            apply,
        ) = item
        facility = city.FACILITIES_BY_NAME.get(venue)
        p = facility.place if facility else place(seeded("venue", venue), EVENT_PLACES[venue])
        deadline = ""
        if apply:
            deadline = (date.fromisoformat(start) - timedelta(days=7)).isoformat()
        rows.append(
            legacy_head(number)
            | {
                "イベント名": name,
                "イベント名_カナ": kana,
                "イベント名_英語": name_en,
                "開始日": start,
                "終了日": end,
                "開始時間": opens,
                "終了時間": closes,
                "開始日時特記事項": "雨天中止" if "公園" in venue else "",
                "説明": text,
                "料金(基本)": fee,
                "料金(詳細)": fee_detail,
                "連絡先名称": "デモ市観光振興課",
                "連絡先電話番号": city.DEPARTMENTS_BY_NAME["観光振興課"].phone,
                "連絡先内線番号": "",
                "主催者": rng.choice((NAME, f"{NAME}・{NAME}観光協会", f"{NAME}教育委員会")),
                "場所名称": venue,
                "住所": p.address,
                "方書": "",
                **coordinates(p),
                "アクセス方法": f"デモ駅から徒歩{rng.randint(5, 20)}分",
                "駐車場情報": rng.choice(
                    ("なし（公共交通機関をご利用ください）", "会場駐車場50台（無料）")
                ),
                "定員": "" if capacity is None else capacity,
                "参加申込終了日": deadline,
                "参加申込終了時間": "17:00" if apply else "",
                "参加申込方法": apply,
                "URL": f"{WEB}/event/{number:04d}.html",
                "備考": "",
            }
        )
    return rows


# ------------------------------------------------------------------------ 13 公衆トイレ一覧

TOILET_EXTRA = (
    (
        "デモ駅東口公衆トイレ",
        "デモエキヒガシグチコウシュウトイレ",
        "Demo Station East Exit Toilet",
        "本町",
        "駅前ロータリー北側",
    ),
    (
        "デモ駅西口公衆トイレ",
        "デモエキニシグチコウシュウトイレ",
        "Demo Station West Exit Toilet",
        "本町",
        "西口バス乗り場横",
    ),
    (
        "デモ城跡公園トイレ",
        "デモジョウアトコウエントイレ",
        "Demo Castle Ruins Park Toilet",
        "東山",
        "駐車場横",
    ),
    (
        "東山不動の滝トイレ",
        "ヒガシヤマフドウノタキトイレ",
        "Higashiyama Fudo Falls Toilet",
        "東山",
        "遊歩道入口",
    ),
    (
        "川端ほたるの里トイレ",
        "カワバタホタルノサトトイレ",
        "Kawabata Firefly Village Toilet",
        "川端町",
        "管理棟横",
    ),
    (
        "中央通り商店街公衆トイレ",
        "チュウオウドオリショウテンガイコウシュウトイレ",
        "Chuo-dori Shopping Street Toilet",
        "中央町",
        "商店街中ほど",
    ),
)


def public_toilets() -> list[Row]:
    """13 公衆トイレ一覧 (current layout): park toilets and a few others."""
    rng = seeded("toilets")
    entries = []
    for f in facilities("park"):
        spots = (
            ("管理棟横", "南口広場")
            if f.name in ("デモ市総合運動公園", "デモ市中央公園")
            else ("園内中央",)
        )
        for spot in spots:
            p = place(seeded("toilet", f.name, spot), f.town)
            suffix = "" if len(spots) == 1 else f"（{spot}）"
            entries.append(
                (f"{f.name}トイレ{suffix}", f"{f.kana}トイレ", f"{f.name_en} Toilet", p, spot)
            )
    for name, kana, name_en, town, spot in TOILET_EXTRA:
        entries.append((name, kana, name_en, place(seeded("toilet", name), town), spot))
    rows = []
    for number, (name, kana, name_en, p, spot) in enumerate(entries, start=1):
        urinals, m_jp, m_west = rng.randint(1, 4), rng.randint(0, 1), rng.randint(1, 2)
        f_jp, f_west = rng.randint(0, 1), rng.randint(1, 4)
        shared = rng.randint(0, 1)
        accessible = rng.randint(0, 1) if shared == 0 else 1
        all_day = rng.random() < 0.6
        rows.append(
            {
                "全国地方公共団体コード": LGCODE,
                "ID": f"{LGCODE}T{number:05d}",
                "地方公共団体名": FULL_NAME,
                "名称": name,
                "名称_カナ": kana,
                "名称_英語": name_en,
                **current_address(p),
                "建物名等(方書)": "",
                "設置位置": spot,
                **coordinates(p),
                "高度の種別": "階数",
                "高度の値": 1,
                "男性トイレ総数": urinals + m_jp + m_west,
                "男性トイレ数（小便器）": urinals,
                "男性トイレ数（和式）": m_jp,
                "男性トイレ数（洋式）": m_west,
                "女性トイレ総数": f_jp + f_west,
                "女性トイレ数（和式）": f_jp,
                "女性トイレ数（洋式）": f_west,
                "男女共用トイレ総数": shared,
                "男女共用トイレ数（和式）": 0,
                "男女共用トイレ数（洋式）": shared,
                "バリアフリートイレ数": accessible,
                "車椅子使用者用トイレ有無": "有" if accessible else "無",
                "乳幼児用設備設置トイレ有無": rng.choice(("有", "無")),
                "オストメイト設置トイレ有無": "有" if accessible and rng.random() < 0.5 else "無",
                "利用開始時間": "" if all_day else "07:00",
                "利用終了時間": "" if all_day else "21:00",
                "利用可能時間特記事項": "24時間利用可"
                if all_day
                else "12月29日から1月3日は17時まで",
                "画像": "",
                "画像_ライセンス": "",
                "備考": "",
            }
        )
    return rows


# ------------------------------------------------------------------------ 14 消防水利施設一覧

FIRE_WATER_KINDS = (
    ("消火栓", 70),
    ("防火水そう", 18),
    ("プール", 4),
    ("河川・溝等", 4),
    ("井戸", 2),
    ("その他", 2),
)


def fire_water_facilities() -> list[Row]:
    """14 消防水利施設一覧 (current layout): 150 hydrants, tanks and other sources."""
    rng = seeded("fire-water")
    kinds = [k for k, _ in FIRE_WATER_KINDS]
    weights = [w for _, w in FIRE_WATER_KINDS]
    rows = []
    for number in range(1, 151):
        kind = rng.choices(kinds, weights)[0]
        p = place(rng)
        note = ""
        diameter: object = ""
        if kind == "消火栓":
            diameter = rng.choice((75, 100, 100, 150))
            note = rng.choice(("地下式", "地下式", "地上式"))
        elif kind == "防火水そう":
            note = f"容量{rng.choice((40, 40, 60, 100))}立方メートル"
        elif kind == "プール":
            note = "学校プール"
        elif kind == "河川・溝等":
            note = "デモ川"
        rows.append(
            {
                "全国地方公共団体コード": LGCODE,
                "ID": f"{LGCODE}F{number:05d}",
                "地方公共団体名": FULL_NAME,
                "種別": kind,
                **current_address(p),
                "建物名等(方書)": "",
                **coordinates(p),
                "口径": diameter,
                "備考": note,
            }
        )
    return rows


# ---------------------------------------------------------------- 28 ゴミの分別方法一覧

BURNABLE, NON_BURNABLE, CANS, PET, PAPER, BULKY, HAZARDOUS, PLASTIC, NOT_COLLECTED = (
    "可燃ごみ",
    "不燃ごみ",
    "資源（びん・缶）",
    "資源（ペットボトル）",
    "資源（古紙・布）",
    "粗大ごみ",
    "有害ごみ",
    "資源（プラスチック）",
    "市では収集できません",
)
WASTE = (
    # 品目, 分別区分, 注意点, 粗大ごみ手数料（円）
    ("アイロン", NON_BURNABLE, "", None),
    ("空き缶（飲料・食品）", CANS, "中をすすいでください", None),
    ("空きびん（飲料・食品）", CANS, "キャップを外し、中をすすいでください", None),
    ("アルミホイル", NON_BURNABLE, "", None),
    ("イス（木製）", BULKY, "", 400),
    ("イス（金属製）", BULKY, "", 400),
    ("衣類", PAPER, "洗って乾かし、透明な袋に入れてください", None),
    ("植木鉢（陶器）", NON_BURNABLE, "土を落としてください", None),
    ("エアコン", NOT_COLLECTED, "家電リサイクル法の対象です。販売店にご相談ください", None),
    ("お菓子の袋", PLASTIC, "汚れているものは可燃ごみへ", None),
    ("カーペット", BULKY, "", 800),
    ("傘", NON_BURNABLE, "", None),
    ("カセットボンベ", HAZARDOUS, "使い切ってから出してください", None),
    ("紙パック（牛乳など）", PAPER, "洗って開き、乾かしてください", None),
    ("紙くず", BURNABLE, "", None),
    ("乾電池", HAZARDOUS, "透明な袋に入れてください", None),
    ("缶詰の缶", CANS, "中をすすいでください", None),
    ("雑誌", PAPER, "ひもで十字にしばってください", None),
    ("靴", BURNABLE, "", None),
    ("蛍光灯", HAZARDOUS, "割れないように購入時のケースに入れてください", None),
    ("化粧品のびん", NON_BURNABLE, "", None),
    ("ゴムホース", BURNABLE, "50cm以下に切ってください", None),
    ("自転車", BULKY, "", 600),
    ("新聞紙", PAPER, "ひもでしばってください", None),
    ("スプレー缶", HAZARDOUS, "使い切ってから出してください。穴はあけないでください", None),
    ("生ごみ", BURNABLE, "水をよく切ってください", None),
    ("洗濯機", NOT_COLLECTED, "家電リサイクル法の対象です。販売店にご相談ください", None),
    ("扇風機", BULKY, "", 400),
    ("ソファー（一人掛け）", BULKY, "", 800),
    ("ソファー（二人掛け以上）", BULKY, "", 1600),
    ("たたみ", BULKY, "", 800),
    ("段ボール", PAPER, "たたんでひもでしばってください", None),
    ("タイヤ", NOT_COLLECTED, "販売店にご相談ください", None),
    ("茶わん", NON_BURNABLE, "", None),
    ("テレビ", NOT_COLLECTED, "家電リサイクル法の対象です。販売店にご相談ください", None),
    ("電子レンジ", BULKY, "", 400),
    ("電球（LED以外）", NON_BURNABLE, "", None),
    ("電球（LED）", NON_BURNABLE, "", None),
    ("トースター", NON_BURNABLE, "", None),
    ("ドレッサー", BULKY, "", 1200),
    ("なべ", NON_BURNABLE, "", None),
    ("ぬいぐるみ", BURNABLE, "", None),
    ("ノートパソコン", NOT_COLLECTED, "メーカーの回収または市役所の小型家電回収ボックスへ", None),
    ("歯ブラシ", BURNABLE, "", None),
    ("ハンガー（プラスチック）", PLASTIC, "", None),
    ("ハンガー（金属）", NON_BURNABLE, "", None),
    ("ビデオテープ", BURNABLE, "", None),
    ("ビニール袋", PLASTIC, "汚れているものは可燃ごみへ", None),
    ("ふとん", BULKY, "", 400),
    ("フライパン", NON_BURNABLE, "", None),
    ("ペットボトル", PET, "キャップとラベルを外し、中をすすいでつぶしてください", None),
    ("ペットボトルのキャップ", PLASTIC, "", None),
    ("ペンキ缶（中身あり）", NOT_COLLECTED, "販売店にご相談ください", None),
    ("包丁", NON_BURNABLE, "紙で包み「キケン」と書いてください", None),
    ("本", PAPER, "ひもでしばってください", None),
    ("本棚", BULKY, "", 800),
    ("マットレス（シングル）", BULKY, "", 1200),
    ("水銀体温計", HAZARDOUS, "", None),
    ("木の枝", BURNABLE, "長さ50cm以下、太さ10cm以下に切ってください", None),
    ("物干しざお", BULKY, "", 400),
    ("やかん", NON_BURNABLE, "", None),
    ("ライター", HAZARDOUS, "使い切ってから出してください", None),
    ("冷蔵庫", NOT_COLLECTED, "家電リサイクル法の対象です。販売店にご相談ください", None),
    ("ラップの芯", PAPER, "", None),
    ("ランドセル", BURNABLE, "金具は外してください", None),
    ("レジ袋", PLASTIC, "", None),
    ("ロッカー（金属製）", BULKY, "", 1600),
    ("割りばし", BURNABLE, "", None),
    ("わたぼこり", BURNABLE, "", None),
    ("食用油", BURNABLE, "紙や布にしみこませるか固めてください", None),
    ("卵のパック", PLASTIC, "", None),
    ("発泡スチロールトレイ", PLASTIC, "スーパーの回収箱も利用できます", None),
    ("ガラス（割れたもの）", NON_BURNABLE, "紙で包み「キケン」と書いてください", None),
    ("ベビーカー", BULKY, "", 400),
    ("ゴルフクラブ（1本）", NON_BURNABLE, "", None),
    ("スキー板", BULKY, "", 400),
    ("こたつ", BULKY, "", 800),
    ("ストーブ", BULKY, "灯油と電池を抜いてください", 600),
)


def waste_sorting() -> list[Row]:
    """28 ゴミの分別方法一覧 (layout observed in Tokyo ward files)."""
    rows = []
    for number, (item, category, caution, bulky_fee) in enumerate(WASTE, start=1):
        if bulky_fee:
            fee_kind, fee, fee_note = (
                "粗大ごみ処理手数料",
                bulky_fee,
                "事前申込制。処理券を貼って出してください",
            )
        elif category == NOT_COLLECTED:
            fee_kind, fee, fee_note = "", "", ""
        elif category in (BURNABLE, NON_BURNABLE):
            fee_kind, fee, fee_note = "指定袋", "", "デモ市指定収集袋（有料）に入れてください"
        else:
            fee_kind, fee, fee_note = "無料", 0, ""
        rows.append(
            {
                "全国地方公共団体コード": LGCODE,
                "ID": f"{LGCODE}S{number:05d}",
                "地方公共団体名": FULL_NAME,
                "ゴミの品目": item,
                "分別区分": category,
                "注意点": caution,
                "料金種別": fee_kind,
                "料金": fee,
                "料金備考": fee_note,
                "備考": "",
            }
        )
    return rows
