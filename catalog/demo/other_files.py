"""Demo files that follow no standard layout: each declares its own header."""

from __future__ import annotations

from catalog.demo import city
from catalog.demo.city import FULL_NAME, LGCODE, TOWNS, facilities, place, seeded
from catalog.demo.encoding import Row
from catalog.demo.standard_files import population_by_area_and_age

# ------------------------------------------------------------------------------ 都市公園一覧

PARKS_HEADER = (
    "全国地方公共団体コード",
    "ID",
    "地方公共団体名",
    "名称",
    "名称_カナ",
    "種別",
    "所在地_連結表記",
    "緯度",
    "経度",
    "面積（平方メートル）",
    "開設年月日",
    "トイレの有無",
    "遊具",
    "駐車場",
    "備考",
)
PARK_KINDS = {
    "デモ市総合運動公園": "運動公園",
    "デモ市中央公園": "総合公園",
    "青葉の森公園": "地区公園",
    "西原ふれあい公園": "近隣公園",
}
PLAY_EQUIPMENT = (
    "ブランコ;すべり台;砂場",
    "すべり台;鉄棒",
    "複合遊具;スプリング遊具",
    "砂場;ベンチ",
    "健康遊具",
    "",
)


def parks() -> list[Row]:
    """都市公園一覧: the named parks plus the small 街区公園 of every 丁目."""
    rng = seeded("parks")
    entries = [
        (f.name, f.kana, PARK_KINDS.get(f.name, "近隣公園"), f.place) for f in facilities("park")
    ]
    for town in TOWNS:
        for chome in range(1, town.chome + 1, 2):
            name = f"{town.name}{chome}丁目児童遊園"
            kana = f"{town.kana}{_chome_kana(chome)}チョウメジドウユウエン"
            entries.append((name, kana, "街区公園", place(seeded("park", name), town)))
    rows = []
    toilet_parks = {f.name for f in facilities("park")}
    for number, (name, kana, kind, p) in enumerate(entries, start=1):
        area = {
            "運動公園": 185000,
            "総合公園": 64000,
            "地区公園": 42000,
            "近隣公園": rng.randrange(10000, 25000, 100),
        }.get(kind)
        if area is None:
            area = rng.randrange(300, 2500, 10)
        rows.append(
            {
                "全国地方公共団体コード": LGCODE,
                "ID": f"{LGCODE}P{number:05d}",
                "地方公共団体名": FULL_NAME,
                "名称": name,
                "名称_カナ": kana,
                "種別": kind,
                "所在地_連結表記": p.address,
                "緯度": p.lat_text,
                "経度": p.lon_text,
                "面積（平方メートル）": area,
                "開設年月日": f"{rng.randint(1968, 2020)}-{rng.randint(1, 12):02d}-01",
                "トイレの有無": "有" if name in toilet_parks else "無",
                "遊具": rng.choice(PLAY_EQUIPMENT),
                "駐車場": "有" if area > 20000 else "無",
                "備考": "",
            }
        )
    return rows


def _chome_kana(chome: int) -> str:
    return ("イッ", "ニ", "サン", "ヨン", "ゴ")[chome - 1]


# ------------------------------------------------------------ 町丁別世帯数・人口（月次）

MONTHLY_POPULATION_HEADER = (
    "調査年月日",
    "町丁コード",
    "町丁名",
    "世帯数",
    "人口総数",
    "男",
    "女",
    "前月比増減",
)


def monthly_population() -> list[Row]:
    """町丁別世帯数・人口: the 04 table's totals, in the simpler layout of 住民基本台帳 reports."""
    before = {r["地域コード"]: r for r in population_by_area_and_age(1)}
    rows = []
    for r in population_by_area_and_age(2):
        rows.append(
            {
                "調査年月日": r["調査年月日"],
                "町丁コード": r["地域コード"],
                "町丁名": r["地域名"],
                "世帯数": r["世帯数"],
                "人口総数": r["総人口"],
                "男": r["男性"],
                "女": r["女性"],
                "前月比増減": int(r["総人口"]) - int(before[r["地域コード"]]["総人口"]),
            }
        )
    return rows


# ----------------------------------------------------------------- 一般会計予算（款別）

BUDGET_HEADER = ("会計年度", "会計", "款", "予算額（千円）", "前年度予算額（千円）", "構成比（%）")
# 款 and amount in thousands of yen, sized for a city of about 80,000 people.
BUDGET = (
    ("議会費", 380000),
    ("総務費", 3950000),
    ("民生費", 12800000),
    ("衛生費", 2650000),
    ("労働費", 52000),
    ("農林業費", 140000),
    ("商工費", 520000),
    ("土木費", 3380000),
    ("消防費", 1290000),
    ("教育費", 3640000),
    ("災害復旧費", 10000),
    ("公債費", 2420000),
    ("諸支出金", 28000),
    ("予備費", 60000),
)


def budget_summary() -> list[Row]:
    """令和8年度 一般会計予算の款別内訳 (invented amounts, in thousands of yen)."""
    rng = seeded("budget")
    total = sum(amount for _, amount in BUDGET)
    rows = []
    for name, amount in BUDGET:
        rows.append(
            {
                "会計年度": "2026",
                "会計": "一般会計",
                "款": name,
                "予算額（千円）": amount,
                "前年度予算額（千円）": int(round(amount * rng.uniform(0.94, 1.04), -3)),
                "構成比（%）": f"{amount / total * 100:.1f}",
            }
        )
    rows.append(
        {
            "会計年度": "2026",
            "会計": "一般会計",
            "款": "合計",
            "予算額（千円）": total,
            "前年度予算額（千円）": "",
            "構成比（%）": "100.0",
        }
    )
    return rows


# -------------------------------------------------------------- 大気環境測定結果（月平均）

AIR_HEADER = (
    "測定局",
    "測定局種別",
    "年月",
    "二酸化窒素（ppm）",
    "光化学オキシダント（ppm）",
    "浮遊粒子状物質（mg/m3）",
    "微小粒子状物質PM2.5（μg/m3）",
    "備考",
)
AIR_STATIONS = (("中央町測定局", "一般環境大気測定局"), ("栄町自排局", "自動車排出ガス測定局"))
MONTHS = tuple(f"{2025 + (m > 12)}-{(m - 1) % 12 + 1:02d}" for m in range(10, 22))


def air_quality() -> list[Row]:
    """Monthly averages of two fictional monitoring stations, October 2025 to September 2026."""
    rows = []
    for station, kind in AIR_STATIONS:
        rng = seeded("air", station)
        roadside = kind.startswith("自動車")
        for month in MONTHS:
            winter = month[5:] in ("11", "12", "01", "02")
            summer = month[5:] in ("05", "06", "07", "08")
            no2 = rng.uniform(0.010, 0.016) + (0.006 if roadside else 0) + (0.004 if winter else 0)
            ox = rng.uniform(0.025, 0.035) + (0.012 if summer else 0)
            rows.append(
                {
                    "測定局": station,
                    "測定局種別": kind,
                    "年月": month,
                    "二酸化窒素（ppm）": f"{no2:.3f}",
                    "光化学オキシダント（ppm）": f"{ox:.3f}",
                    "浮遊粒子状物質（mg/m3）": f"{rng.uniform(0.010, 0.020):.3f}",
                    "微小粒子状物質PM2.5（μg/m3）": f"{rng.uniform(6.0, 12.0):.1f}",
                    "備考": "欠測日あり" if rng.random() < 0.08 else "",
                }
            )
    return rows


# ------------------------------------------------------------------ 観光入込客数（月別）

VISITORS_HEADER = ("年月", "施設名", "入込客数（人）", "うち市外からの客数（人）", "備考")
VISITOR_SPOTS = (
    ("デモ温泉ゆけむりの湯", 14000),
    ("デモ市ふれあい植物園", 9000),
    ("デモ城跡公園", 6000),
    ("デモ市立郷土資料館", 1800),
    ("デモ市総合運動公園", 22000),
    ("川端ほたるの里", 1500),
)
SEASON = {
    "01": 0.8,
    "02": 0.8,
    "03": 1.2,
    "04": 1.5,
    "05": 1.2,
    "06": 1.1,
    "07": 1.1,
    "08": 1.2,
    "09": 0.9,
    "10": 1.0,
    "11": 1.1,
    "12": 0.9,
}


def tourism_visitors() -> list[Row]:
    """Monthly visitors of six spots, October 2025 to September 2026."""
    rng = seeded("visitors")
    rows = []
    for month in MONTHS:
        for spot, base in VISITOR_SPOTS:
            factor = SEASON[month[5:]]
            if spot == "川端ほたるの里":
                factor = 4.0 if month.endswith("-06") else 0.3
            visitors = round(base * factor * rng.uniform(0.85, 1.15))
            rows.append(
                {
                    "年月": month,
                    "施設名": spot,
                    "入込客数（人）": visitors,
                    "うち市外からの客数（人）": round(visitors * rng.uniform(0.3, 0.6)),
                    "備考": "ほたる観賞の夕べ開催" if factor == 4.0 else "",
                }
            )
    return rows


# ------------------------------------------------------------------------ 市営駐車場一覧

PARKING_HEADER = (
    "名称",
    "名称_カナ",
    "所在地",
    "緯度",
    "経度",
    "収容台数",
    "うち障害者用",
    "料金",
    "利用可能時間",
    "備考",
)
PARKING = (
    (
        "デモ駅東口駐車場",
        "デモエキヒガシグチチュウシャジョウ",
        "本町",
        180,
        4,
        "最初の30分無料、以降30分ごとに100円",
        "24時間",
    ),
    (
        "デモ駅西口駐車場",
        "デモエキニシグチチュウシャジョウ",
        "本町",
        120,
        3,
        "30分ごとに100円（最大800円）",
        "24時間",
    ),
    (
        "市役所駐車場",
        "シヤクショチュウシャジョウ",
        "中央町",
        210,
        6,
        "来庁者は2時間無料",
        "08:00から21:00",
    ),
    (
        "中央公園駐車場",
        "チュウオウコウエンチュウシャジョウ",
        "中央町",
        60,
        2,
        "1時間ごとに100円",
        "07:00から21:00",
    ),
    (
        "総合運動公園第1駐車場",
        "ソウゴウウンドウコウエンダイイチチュウシャジョウ",
        "栄町",
        300,
        6,
        "無料",
        "06:00から22:00",
    ),
    (
        "総合運動公園第2駐車場",
        "ソウゴウウンドウコウエンダイニチュウシャジョウ",
        "栄町",
        150,
        2,
        "無料",
        "06:00から22:00",
    ),
    (
        "文化会館駐車場",
        "ブンカカイカンチュウシャジョウ",
        "本町",
        140,
        4,
        "催し物の利用者は無料",
        "08:00から22:30",
    ),
    ("図書館駐車場", "トショカンチュウシャジョウ", "中央町", 45, 2, "2時間無料", "09:00から20:00"),
    (
        "デモ城跡公園駐車場",
        "デモジョウアトコウエンチュウシャジョウ",
        "東山",
        50,
        2,
        "無料",
        "08:00から18:00",
    ),
    (
        "植物園駐車場",
        "ショクブツエンチュウシャジョウ",
        "若葉台",
        80,
        3,
        "1回300円",
        "09:00から17:00",
    ),
    (
        "川端町臨時駐車場",
        "カワバタチョウリンジチュウシャジョウ",
        "川端町",
        40,
        1,
        "無料（イベント時のみ開設）",
        "イベント開催時のみ",
    ),
)


def parking() -> list[Row]:
    """市営駐車場一覧."""
    rows = []
    for name, kana, town, spaces, accessible, fee, hours in PARKING:
        p = place(seeded("parking", name), town)
        rows.append(
            {
                "名称": name,
                "名称_カナ": kana,
                "所在地": p.address,
                "緯度": p.lat_text,
                "経度": p.lon_text,
                "収容台数": spaces,
                "うち障害者用": accessible,
                "料金": fee,
                "利用可能時間": hours,
                "備考": "",
            }
        )
    return rows


# ---------------------------------------------------- 公共施設修繕計画（非公開のデモ）

REPAIR_HEADER = ("施設名", "部位", "工事内容", "予定年度", "概算費用（千円）", "優先度")
REPAIR_PARTS = (
    ("屋上防水", "防水シート全面改修"),
    ("外壁", "外壁塗装・タイル補修"),
    ("空調設備", "空調機更新"),
    ("照明", "LED化"),
    ("エレベーター", "制御盤更新"),
    ("受変電設備", "キュービクル更新"),
    ("トイレ", "洋式化・バリアフリー化"),
)


def repair_plan() -> list[Row]:
    """A facilities repair plan: the kind of internal table that stays private."""
    rng = seeded("repair")
    buildings = [f for f in city.FACILITIES if f.kind not in ("park",)]
    rows = []
    for f in rng.sample(buildings, 16):
        part, work = rng.choice(REPAIR_PARTS)
        rows.append(
            {
                "施設名": f.name,
                "部位": part,
                "工事内容": work,
                "予定年度": str(rng.randint(2027, 2031)),
                "概算費用（千円）": rng.randrange(2000, 180000, 500),
                "優先度": rng.choice(("A", "B", "B", "C")),
            }
        )
    return rows


# ------------------------------------------------------ 市営自転車駐輪場一覧（下書きのデモ）

BICYCLE_HEADER = (
    "名称",
    "所在地",
    "緯度",
    "経度",
    "収容台数（自転車）",
    "収容台数（原付）",
    "料金（1日）",
    "定期利用",
    "備考",
)


def bicycle_parking() -> list[Row]:
    """A draft table, still incomplete (some 料金 missing), as a dataset being prepared."""
    rng = seeded("bicycle")
    rows = []
    for number, town in enumerate(TOWNS[:10], start=1):
        p = place(seeded("bicycle", town.name), town)
        rows.append(
            {
                "名称": f"{town.name}自転車駐輪場",
                "所在地": p.address,
                "緯度": p.lat_text,
                "経度": p.lon_text,
                "収容台数（自転車）": rng.randrange(80, 900, 10),
                "収容台数（原付）": rng.randrange(0, 60, 5),
                "料金（1日）": "" if number % 4 == 0 else rng.choice((100, 150)),
                "定期利用": rng.choice(("有", "無")),
                "備考": "料金確認中" if number % 4 == 0 else "",
            }
        )
    return rows
