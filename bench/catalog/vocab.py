"""Vocabularies for generating realistic Japanese municipal open-data datasets.

Real prefecture and municipality names (some with kanji variants such as 龍ケ崎/竜ヶ崎 or
檜原), dataset kinds as municipalities publish them (with the spelling variety found in
real catalogs: ごみ/ゴミ, ＡＥＤ/AED, ｶﾞｽ/ガス, 子育て/子そだて, 令和/西暦 years), and the
sentence fragments descriptions are built from.
"""

from __future__ import annotations

PREFECTURES = [
    ("北海道", "Hokkaido"), ("青森県", "Aomori"), ("岩手県", "Iwate"), ("宮城県", "Miyagi"),
    ("秋田県", "Akita"), ("山形県", "Yamagata"), ("福島県", "Fukushima"), ("茨城県", "Ibaraki"),
    ("栃木県", "Tochigi"), ("群馬県", "Gunma"), ("埼玉県", "Saitama"), ("千葉県", "Chiba"),
    ("東京都", "Tokyo"), ("神奈川県", "Kanagawa"), ("新潟県", "Niigata"), ("富山県", "Toyama"),
    ("石川県", "Ishikawa"), ("福井県", "Fukui"), ("山梨県", "Yamanashi"), ("長野県", "Nagano"),
    ("岐阜県", "Gifu"), ("静岡県", "Shizuoka"), ("愛知県", "Aichi"), ("三重県", "Mie"),
    ("滋賀県", "Shiga"), ("京都府", "Kyoto"), ("大阪府", "Osaka"), ("兵庫県", "Hyogo"),
    ("奈良県", "Nara"), ("和歌山県", "Wakayama"), ("鳥取県", "Tottori"), ("島根県", "Shimane"),
    ("岡山県", "Okayama"), ("広島県", "Hiroshima"), ("山口県", "Yamaguchi"),
    ("徳島県", "Tokushima"), ("香川県", "Kagawa"), ("愛媛県", "Ehime"), ("高知県", "Kochi"),
    ("福岡県", "Fukuoka"), ("佐賀県", "Saga"), ("長崎県", "Nagasaki"), ("熊本県", "Kumamoto"),
    ("大分県", "Oita"), ("宮崎県", "Miyazaki"), ("鹿児島県", "Kagoshima"), ("沖縄県", "Okinawa"),
]

# (name, romaji); suffix 市/町/村/区 is part of the name. Includes variant-prone names.
MUNICIPALITIES = [
    ("札幌市", "Sapporo"), ("函館市", "Hakodate"), ("旭川市", "Asahikawa"), ("帯広市", "Obihiro"),
    ("釧路市", "Kushiro"), ("小樽市", "Otaru"), ("北見市", "Kitami"), ("ニセコ町", "Niseko"),
    ("鰺ヶ沢町", "Ajigasawa"), ("弘前市", "Hirosaki"), ("八戸市", "Hachinohe"),
    ("盛岡市", "Morioka"), ("一関市", "Ichinoseki"), ("仙台市", "Sendai"), ("石巻市", "Ishinomaki"),
    ("気仙沼市", "Kesennuma"), ("秋田市", "Akita"), ("横手市", "Yokote"), ("山形市", "Yamagata"),
    ("鶴岡市", "Tsuruoka"), ("郡山市", "Koriyama"), ("いわき市", "Iwaki"), ("会津若松市", "Aizuwakamatsu"),
    ("水戸市", "Mito"), ("つくば市", "Tsukuba"), ("龍ケ崎市", "Ryugasaki"), ("日立市", "Hitachi"),
    ("宇都宮市", "Utsunomiya"), ("日光市", "Nikko"), ("前橋市", "Maebashi"), ("高崎市", "Takasaki"),
    ("草津町", "Kusatsu"), ("さいたま市", "Saitama"), ("川越市", "Kawagoe"), ("所沢市", "Tokorozawa"),
    ("秩父市", "Chichibu"), ("千葉市", "Chiba"), ("船橋市", "Funabashi"), ("柏市", "Kashiwa"),
    ("浦安市", "Urayasu"), ("市川市", "Ichikawa"), ("千代田区", "Chiyoda"), ("中央区", "Chuo"),
    ("港区", "Minato"), ("新宿区", "Shinjuku"), ("文京区", "Bunkyo"), ("台東区", "Taito"),
    ("墨田区", "Sumida"), ("江東区", "Koto"), ("品川区", "Shinagawa"), ("目黒区", "Meguro"),
    ("大田区", "Ota"), ("世田谷区", "Setagaya"), ("渋谷区", "Shibuya"), ("中野区", "Nakano"),
    ("杉並区", "Suginami"), ("豊島区", "Toshima"), ("練馬区", "Nerima"), ("足立区", "Adachi"),
    ("八王子市", "Hachioji"), ("町田市", "Machida"), ("武蔵野市", "Musashino"), ("三鷹市", "Mitaka"),
    ("檜原村", "Hinohara"), ("横浜市", "Yokohama"), ("川崎市", "Kawasaki"), ("相模原市", "Sagamihara"),
    ("鎌倉市", "Kamakura"), ("藤沢市", "Fujisawa"), ("箱根町", "Hakone"), ("新潟市", "Niigata"),
    ("長岡市", "Nagaoka"), ("十日町市", "Tokamachi"), ("富山市", "Toyama"), ("高岡市", "Takaoka"),
    ("金沢市", "Kanazawa"), ("加賀市", "Kaga"), ("福井市", "Fukui"), ("鯖江市", "Sabae"),
    ("甲府市", "Kofu"), ("富士吉田市", "Fujiyoshida"), ("長野市", "Nagano"), ("松本市", "Matsumoto"),
    ("軽井沢町", "Karuizawa"), ("岐阜市", "Gifu"), ("高山市", "Takayama"), ("静岡市", "Shizuoka"),
    ("浜松市", "Hamamatsu"), ("沼津市", "Numazu"), ("熱海市", "Atami"), ("名古屋市", "Nagoya"),
    ("豊田市", "Toyota"), ("岡崎市", "Okazaki"), ("一宮市", "Ichinomiya"), ("津市", "Tsu"),
    ("四日市市", "Yokkaichi"), ("伊勢市", "Ise"), ("大津市", "Otsu"), ("彦根市", "Hikone"),
    ("京都市", "Kyoto"), ("宇治市", "Uji"), ("舞鶴市", "Maizuru"), ("大阪市", "Osaka"),
    ("堺市", "Sakai"), ("豊中市", "Toyonaka"), ("吹田市", "Suita"), ("枚方市", "Hirakata"),
    ("東大阪市", "Higashiosaka"), ("神戸市", "Kobe"), ("姫路市", "Himeji"), ("西宮市", "Nishinomiya"),
    ("尼崎市", "Amagasaki"), ("奈良市", "Nara"), ("橿原市", "Kashihara"), ("和歌山市", "Wakayama"),
    ("白浜町", "Shirahama"), ("鳥取市", "Tottori"), ("米子市", "Yonago"), ("松江市", "Matsue"),
    ("出雲市", "Izumo"), ("岡山市", "Okayama"), ("倉敷市", "Kurashiki"), ("広島市", "Hiroshima"),
    ("福山市", "Fukuyama"), ("尾道市", "Onomichi"), ("下関市", "Shimonoseki"), ("萩市", "Hagi"),
    ("徳島市", "Tokushima"), ("上勝町", "Kamikatsu"), ("高松市", "Takamatsu"), ("丸亀市", "Marugame"),
    ("松山市", "Matsuyama"), ("今治市", "Imabari"), ("高知市", "Kochi"), ("四万十市", "Shimanto"),
    ("福岡市", "Fukuoka"), ("北九州市", "Kitakyushu"), ("久留米市", "Kurume"), ("佐賀市", "Saga"),
    ("唐津市", "Karatsu"), ("長崎市", "Nagasaki"), ("佐世保市", "Sasebo"), ("熊本市", "Kumamoto"),
    ("阿蘇市", "Aso"), ("大分市", "Oita"), ("別府市", "Beppu"), ("宮崎市", "Miyazaki"),
    ("都城市", "Miyakonojo"), ("鹿児島市", "Kagoshima"), ("霧島市", "Kirishima"),
    ("那覇市", "Naha"), ("石垣市", "Ishigaki"), ("宮古島市", "Miyakojima"), ("竹富町", "Taketomi"),
    ("磐田市", "Iwata"), ("掛川市", "Kakegawa"), ("焼津市", "Yaizu"), ("藤枝市", "Fujieda"),
    ("茅ヶ崎市", "Chigasaki"), ("霞ヶ浦町", "Kasumigaura"), ("桜川市", "Sakuragawa"),
    ("櫻井市", "Sakurai"), ("嬉野市", "Ureshino"), ("五島市", "Goto"), ("天草市", "Amakusa"),
]

DEPARTMENTS = [
    ("総務課", "General Affairs"), ("情報政策課", "Information Policy"), ("防災危機管理課", "Disaster Management"),
    ("子育て支援課", "Child Support"), ("環境課", "Environment"), ("観光振興課", "Tourism"),
    ("市民課", "Citizen Services"), ("健康福祉課", "Health and Welfare"), ("都市計画課", "Urban Planning"),
    ("教育委員会", "Board of Education"),
]

# (title stem, English title, category slugs, standard dataset slug or None, tags, formats)
KINDS = [
    ("公共施設一覧", "Public facilities", ["facilities"], "public-facilities", ["公共施設", "施設"], ["CSV", "XLSX"]),
    ("公共施設の所在地", "Public facility locations", ["facilities"], "public-facilities", ["公共施設", "地図"], ["CSV", "GeoJSON"]),
    ("AED設置箇所一覧", "AED locations", ["health"], "aed", ["AED", "救命"], ["CSV", "GeoJSON"]),
    ("ＡＥＤ設置場所", "AED locations", ["health"], "aed", ["ＡＥＤ", "救急"], ["CSV"]),
    ("AED（自動体外式除細動器）の設置施設", "AED facilities", ["health"], "aed", ["AED"], ["CSV", "PDF"]),
    ("避難所一覧", "Evacuation shelters", ["disaster"], "designated-emergency-evacuation-sites", ["避難所", "防災"], ["CSV", "GeoJSON"]),
    ("指定緊急避難場所一覧", "Designated emergency evacuation sites", ["disaster"], "designated-emergency-evacuation-sites", ["避難場所", "防災"], ["CSV"]),
    ("福祉避難所", "Welfare shelters", ["disaster", "health"], None, ["避難所", "福祉"], ["CSV", "PDF"]),
    ("ハザードマップ（洪水）", "Flood hazard map", ["disaster"], None, ["ハザードマップ", "洪水"], ["PDF", "GeoJSON", "ZIP"]),
    ("洪水浸水想定区域", "Flood inundation areas", ["disaster"], None, ["洪水", "浸水"], ["GeoJSON", "ZIP"]),
    ("土砂災害警戒区域", "Landslide warning areas", ["disaster"], None, ["土砂災害", "防災"], ["GeoJSON", "ZIP"]),
    ("消防水利施設一覧", "Fire water facilities", ["disaster"], "fire-water-facilities", ["消防", "消火栓"], ["CSV"]),
    ("人口統計", "Population statistics", ["population"], None, ["人口", "統計"], ["CSV", "XLSX"]),
    ("地域・年齢別人口", "Population by area and age", ["population"], "population-by-area-and-age", ["人口", "年齢別"], ["CSV", "XLSX"]),
    ("住民基本台帳人口・世帯数", "Registered population and households", ["population"], None, ["人口", "世帯数"], ["CSV", "XLSX", "PDF"]),
    ("町丁別人口", "Population by district", ["population"], None, ["人口", "町丁"], ["CSV"]),
    ("外国人住民数", "Foreign residents", ["population"], None, ["外国人", "人口"], ["XLSX"]),
    ("ごみ収集日", "Waste collection days", ["environment"], None, ["ごみ", "収集日"], ["CSV", "PDF"]),
    ("ゴミ収集カレンダー", "Waste collection calendar", ["environment"], None, ["ゴミ", "カレンダー"], ["PDF", "CSV"]),
    ("ごみの分別方法一覧", "Waste sorting", ["environment"], "waste-sorting", ["ごみ", "分別"], ["CSV", "XLSX"]),
    ("粗大ゴミ受付品目", "Bulky waste items", ["environment"], None, ["粗大ごみ"], ["CSV"]),
    ("資源ごみ回収拠点", "Recycling points", ["environment"], None, ["資源ごみ", "リサイクル"], ["CSV", "GeoJSON"]),
    ("観光施設一覧", "Tourist facilities", ["tourism"], "tourist-facilities", ["観光", "施設"], ["CSV", "JSON"]),
    ("観光入込客数", "Tourist visitors", ["tourism", "economy"], None, ["観光", "統計"], ["XLSX", "PDF"]),
    ("宿泊施設一覧", "Accommodation", ["tourism"], None, ["宿泊", "観光"], ["CSV"]),
    ("温泉施設", "Hot springs", ["tourism"], None, ["温泉", "観光"], ["CSV", "JSON"]),
    ("桜の名所", "Cherry blossom spots", ["tourism"], None, ["桜", "花見"], ["CSV", "GeoJSON"]),
    ("イベント一覧", "Events", ["tourism"], "events", ["イベント"], ["CSV", "JSON"]),
    ("子育て施設一覧", "Childcare facilities", ["childcare"], "childcare-facilities", ["子育て", "保育"], ["CSV"]),
    ("保育所・認定こども園一覧", "Nurseries", ["childcare"], "childcare-facilities", ["保育所", "子育て"], ["CSV", "XLSX"]),
    ("子育て支援センター", "Childcare support centres", ["childcare"], None, ["子育て支援"], ["CSV"]),
    ("子そだて応援制度", "Child-raising support", ["childcare"], "support-programs", ["子育て", "支援制度"], ["HTML", "PDF"]),
    ("放課後児童クラブ", "After-school clubs", ["childcare"], None, ["学童", "子育て"], ["CSV"]),
    ("幼稚園一覧", "Kindergartens", ["childcare"], None, ["幼稚園"], ["CSV"]),
    ("小中学校一覧", "Schools", ["childcare", "administration"], None, ["学校", "教育"], ["CSV", "GeoJSON"]),
    ("小中学校通学区域", "School districts", ["childcare"], "school-districts", ["通学区域", "学校"], ["GeoJSON", "PDF"]),
    ("学校給食献立", "School lunch menus", ["childcare", "health"], "school-lunch-menus", ["給食", "献立"], ["CSV", "PDF"]),
    ("公園一覧", "Parks", ["facilities"], None, ["公園"], ["CSV", "GeoJSON"]),
    ("都市公園の遊具", "Playground equipment", ["facilities"], None, ["公園", "遊具"], ["CSV"]),
    ("図書館の蔵書数", "Library holdings", ["facilities"], None, ["図書館"], ["CSV", "XLSX"]),
    ("図書館一覧", "Libraries", ["facilities"], None, ["図書館", "施設"], ["CSV"]),
    ("文化財一覧", "Cultural properties", ["tourism"], "cultural-properties", ["文化財"], ["CSV", "JSON"]),
    ("医療機関一覧", "Medical institutions", ["health"], "medical-institutions", ["医療", "病院"], ["CSV"]),
    ("介護サービス事業所一覧", "Care service offices", ["health"], "care-service-offices", ["介護"], ["CSV", "XLSX"]),
    ("薬局一覧", "Pharmacies", ["health"], None, ["薬局", "医療"], ["CSV"]),
    ("救急搬送件数", "Ambulance transports", ["health", "disaster"], None, ["救急", "統計"], ["XLSX"]),
    ("公衆トイレ一覧", "Public toilets", ["facilities"], "public-toilets", ["トイレ"], ["CSV", "GeoJSON"]),
    ("公衆無線LANアクセスポイント一覧", "Public Wi-Fi", ["facilities"], "public-wifi", ["Wi-Fi", "無線LAN"], ["CSV"]),
    ("ﾌﾘｰWi-Fiスポット", "Free Wi-Fi spots", ["facilities", "tourism"], "public-wifi", ["ﾌﾘｰWi-Fi"], ["CSV"]),
    ("食品等営業許可・届出一覧", "Food business permits", ["health", "economy"], "food-business-permits", ["食品", "営業許可"], ["CSV"]),
    ("支援制度情報", "Support programmes", ["administration"], "support-programs", ["支援制度"], ["CSV", "HTML"]),
    ("調達情報", "Procurement", ["administration", "economy"], "procurement", ["入札", "調達"], ["CSV", "PDF"]),
    ("オープンデータ一覧", "Open data list", ["administration"], "open-data-catalog", ["オープンデータ"], ["CSV", "JSON"]),
    ("財政状況資料集", "Public finance", ["administration", "economy"], None, ["財政", "予算"], ["XLSX", "PDF"]),
    ("当初予算の概要", "Budget summary", ["administration"], None, ["予算"], ["PDF", "XLSX"]),
    ("決算カード", "Settlement card", ["administration"], None, ["決算", "財政"], ["PDF"]),
    ("職員数の推移", "Staff numbers", ["administration"], None, ["職員"], ["XLSX"]),
    ("投票所一覧", "Polling stations", ["administration"], None, ["選挙", "投票所"], ["CSV"]),
    ("選挙の投票率", "Turnout", ["administration"], None, ["選挙", "統計"], ["XLSX", "CSV"]),
    ("バス停留所一覧", "Bus stops", ["transport"], None, ["バス", "交通"], ["CSV", "GTFS"]),
    ("コミュニティバス時刻表", "Community bus timetable", ["transport"], None, ["バス", "時刻表"], ["GTFS", "PDF"]),
    ("駐輪場一覧", "Bicycle parking", ["transport"], None, ["駐輪場"], ["CSV"]),
    ("市営駐車場", "Municipal car parks", ["transport"], None, ["駐車場"], ["CSV"]),
    ("道路工事情報", "Road works", ["transport"], None, ["道路", "工事"], ["CSV", "JSON"]),
    ("交通事故発生件数", "Traffic accidents", ["transport"], None, ["交通事故", "統計"], ["XLSX"]),
    ("ガス事業者一覧", "Gas suppliers", ["economy"], None, ["ガス"], ["CSV"]),
    ("都市ｶﾞｽ供給区域", "City gas areas", ["economy"], None, ["ｶﾞｽ", "インフラ"], ["PDF", "GeoJSON"]),
    ("上下水道料金", "Water rates", ["environment"], None, ["水道"], ["PDF", "CSV"]),
    ("大気汚染測定結果", "Air quality", ["environment"], None, ["大気", "環境"], ["CSV"]),
    ("騒音測定結果", "Noise measurements", ["environment"], None, ["騒音", "環境"], ["CSV", "PDF"]),
    ("空き家バンク物件", "Vacant houses", ["economy"], None, ["空き家", "移住"], ["CSV", "HTML"]),
    ("地価公示", "Land prices", ["economy"], None, ["地価"], ["CSV", "XLSX"]),
    ("農産物直売所", "Farm shops", ["economy"], None, ["農業", "直売所"], ["CSV"]),
    ("商店街一覧", "Shopping streets", ["economy"], None, ["商店街"], ["CSV"]),
    ("犯罪発生件数", "Crime statistics", ["administration"], None, ["防犯", "統計"], ["XLSX", "CSV"]),
    ("公民館・集会所一覧", "Community centres", ["facilities"], "public-facilities", ["公民館", "施設"], ["CSV"]),
    ("体育館・スポーツ施設", "Sports facilities", ["facilities"], None, ["スポーツ", "施設"], ["CSV", "JSON"]),
    ("気象観測データ", "Weather observations", ["environment"], None, ["気象"], ["CSV", "JSON"]),
]

# Prefixes and suffixes added to titles, as real catalogs do.
TITLE_SUFFIXES = ["", "", "", "データ", "（CSV）", "一覧表", "（最新版）", "（月次）", "（年次）"]

YEARS = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]

# 西暦 → 和暦 (the Reiwa era began in May 2019; fiscal years use the year the FY starts).
def wareki(year: int) -> str:
    """The Japanese era year of a Gregorian year (2019 counts as 令和元年)."""
    if year >= 2019:
        n = year - 2018
        return "令和元年" if n == 1 else f"令和{n}年"
    return f"平成{year - 1988}年"


FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")

DESCRIPTION_OPENERS = [
    "{org}が公開している{kind}のデータです。",
    "{org}{dept}が管理する{kind}のオープンデータです。",
    "本データは{org}における{kind}をまとめたものです。",
    "{kind}に関するデータを{org}が提供しています。",
    "{org}内の{kind}について、{year}時点の情報を掲載しています。",
]

DESCRIPTION_SENTENCES = [
    "名称、所在地、緯度、経度、電話番号の項目を含みます。",
    "毎月末時点の情報に更新します。",
    "年度ごとに集計しています。",
    "自治体標準オープンデータセットの項目定義に準拠しています。",
    "文字コードはUTF-8です。",
    "文字コードはShift_JISです。過去のデータはExcel形式で掲載しています。",
    "詳細は担当課までお問い合わせください。",
    "地図アプリで利用できるよう位置情報を付与しています。",
    "データの利用にあたってはクレジットの表示をお願いします。",
    "令和２年度以前のデータは別のページで公開しています。",
    "ホームページでも同じ内容を公開しています。",
    "住所は町名・番地まで記載しています。",
    "休館日、開館時間、バリアフリー対応の有無を含みます。",
    "ＰＤＦ版とＣＳＶ版があります。",
    "機械判読に適した形式で提供しています。",
    "統計値は速報値であり、後日修正される場合があります。",
    "ハザードマップの作成に使用した基礎データです。",
    "市民の皆様からの情報提供を元に作成しました。",
    "子どもの安全・安心のための取り組みの一環として公開します。",
    "観光客向けに多言語（英語・中国語・韓国語）の名称を併記しています。",
    "災害時の避難行動の参考にしてください。",
    "ゴミの出し方については別途冊子を配布しています。",
    "検索しやすいように、カタカナとひらがなの表記を統一していません。",
    "旧字体（櫻・澤・濱など）の施設名はそのまま掲載しています。",
]

# Appear rarely: the "rare term" query targets these (~1 dataset in 2,000).
RARE_SENTENCES = [
    "マンホールカードの配布場所も掲載しています。",
    "ツキノワグマの出没情報を併せて掲載しています。",
]

EXTRA_TAGS = ["オープンデータ", "統計", "地図", "防災", "子育て", "観光", "施設", "位置情報",
              "CSV", "公開", "行政", "市民協働", "バリアフリー", "多言語", "英語"]

SPATIAL_SUFFIXES = ["全域", "内", ""]
