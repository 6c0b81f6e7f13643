"""Interface strings of the resident pages and mails in the eight resident languages.

Not gettext: residents choose among eight languages (やさしい日本語 among them) that Django's
LANGUAGES does not list, and the texts must not depend on the staff-side locale. Each message
is one dict with every language; ``text()`` falls back to Japanese for a missing entry.
Dates and month names are formatted here too, so every page and mail says them the same way.
"""

from __future__ import annotations

from datetime import date

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

#: Resident languages in display order (the codes of gomi.models.Language).
LANGS: tuple[str, ...] = ("ja", "ja-easy", "en", "zh-hans", "ko", "vi", "pt-br", "ne")
DEFAULT_LANG = "ja"

#: The BCP 47 tag for the HTML lang attribute of each language.
HTML_LANG = {"ja": "ja", "ja-easy": "ja", "en": "en", "zh-hans": "zh-Hans", "ko": "ko",
             "vi": "vi", "pt-br": "pt-BR", "ne": "ne"}

#: Each language's name written in that language (for the language chooser).
LANG_NAMES = {"ja": "日本語", "ja-easy": "やさしい にほんご", "en": "English",
              "zh-hans": "简体中文", "ko": "한국어", "vi": "Tiếng Việt",
              "pt-br": "Português (Brasil)", "ne": "नेपाली"}


def _m(ja: str, easy: str, en: str, zh: str, ko: str, vi: str, pt: str, ne: str) -> dict:
    """One message in the eight languages, in the order of LANGS."""
    return {"ja": ja, "ja-easy": easy, "en": en, "zh-hans": zh, "ko": ko, "vi": vi,
            "pt-br": pt, "ne": ne}


MESSAGES: dict[str, dict[str, str]] = {
    "title": _m("ごみ分別・収集日", "ごみの だしかた と だす ひ",
                "Garbage sorting and collection days",
                "垃圾分类与收集日", "쓰레기 분리배출과 수거일", "Phân loại rác và ngày thu gom",
                "Separação do lixo e dias de coleta", "फोहोर छुट्याउने तरिका र सङ्कलन दिन"),
    "language": _m("言語", "ことば", "Language", "语言", "언어", "Ngôn ngữ", "Idioma", "भाषा"),
    "show": _m("表示する", "みる", "Show", "显示", "표시", "Hiển thị", "Mostrar", "देखाउनुहोस्"),
    "choose_area": _m("お住まいの地区を選んでください", "すんでいる ところ を えらんで ください",
                      "Choose your area", "请选择您居住的地区", "사는 지역을 선택하세요",
                      "Hãy chọn khu vực bạn đang sống", "Escolha a sua área",
                      "आफू बस्ने क्षेत्र छान्नुहोस्"),
    "area_list": _m("地区の一覧", "ちく の いちらん", "All areas", "地区列表", "지역 목록",
                    "Danh sách khu vực", "Lista de áreas", "क्षेत्रहरूको सूची"),
    "no_areas": _m("地区がまだ登録されていません。", "ちく が まだ ありません。",
                   "No areas have been registered yet.", "尚未登记任何地区。",
                   "등록된 지역이 아직 없습니다.", "Chưa có khu vực nào được đăng ký.",
                   "Nenhuma área foi cadastrada ainda.", "अहिलेसम्म कुनै क्षेत्र दर्ता गरिएको छैन।"),
    "address_heading": _m("住所から地区を調べる", "じゅうしょ から ちく を しらべる",
                          "Find your area from your address", "通过地址查找地区",
                          "주소로 지역 찾기", "Tìm khu vực theo địa chỉ",
                          "Encontre a sua área pelo endereço", "ठेगानाबाट क्षेत्र खोज्नुहोस्"),
    "address_label": _m("住所または町丁目", "じゅうしょ（まち の なまえ）",
                        "Address or district name",
                        "地址或町名", "주소 또는 동네 이름", "Địa chỉ hoặc tên khu phố",
                        "Endereço ou nome do bairro", "ठेगाना वा टोलको नाम"),
    "address_hint": _m("例：本町1丁目", "れい：ほんまち 1ちょうめ",
                       "Type it in Japanese, e.g. 本町1丁目", "请用日语输入，例如：本町1丁目",
                       "일본어로 입력하세요. 예: 本町1丁目",
                       "Nhập bằng tiếng Nhật, ví dụ: 本町1丁目",
                       "Digite em japonês, por exemplo: 本町1丁目",
                       "जापानीमा लेख्नुहोस्, जस्तै: 本町1丁目"),
    "find_area": _m("地区を調べる", "しらべる", "Find my area", "查找地区", "지역 찾기",
                    "Tìm khu vực", "Encontrar minha área", "क्षेत्र खोज्नुहोस्"),
    "address_found": _m("この住所の地区：", "この じゅうしょ の ちく：", "Your area:",
                        "该地址所属地区：", "이 주소의 지역:", "Khu vực của địa chỉ này:",
                        "A área deste endereço:", "यो ठेगानाको क्षेत्र:"),
    "address_none": _m("該当する地区が見つかりませんでした。一覧から選んでください。",
                       "ちく が みつかりません でした。いちらん から えらんで ください。",
                       "No area matches that address. Please choose from the list.",
                       "未找到对应的地区。请从列表中选择。",
                       "해당하는 지역을 찾지 못했습니다. 목록에서 선택하세요.",
                       "Không tìm thấy khu vực phù hợp. Vui lòng chọn trong danh sách.",
                       "Nenhuma área corresponde a esse endereço. Escolha na lista.",
                       "मिल्ने क्षेत्र भेटिएन। सूचीबाट छान्नुहोस्।"),
    "choose_other_area": _m("地区を選び直す", "ちく を えらびなおす", "Choose another area",
                            "重新选择地区", "다른 지역 선택", "Chọn khu vực khác",
                            "Escolher outra área", "अर्को क्षेत्र छान्नुहोस्"),
    "today": _m("今日", "きょう", "Today", "今天", "오늘", "Hôm nay", "Hoje", "आज"),
    "tomorrow": _m("明日", "あした", "Tomorrow", "明天", "내일", "Ngày mai", "Amanhã", "भोलि"),
    "today_is": _m("今日は{cats}の日です", "きょう は {cats} を だす ひ です",
                   "Today is collection day for {cats}", "今天是{cats}的收集日",
                   "오늘은 {cats} 배출일입니다", "Hôm nay là ngày thu gom {cats}",
                   "Hoje é dia de coleta de {cats}", "आज {cats} सङ्कलन गर्ने दिन हो"),
    "tomorrow_is": _m("明日は{cats}の日です", "あした は {cats} を だす ひ です",
                      "Tomorrow is collection day for {cats}", "明天是{cats}的收集日",
                      "내일은 {cats} 배출일입니다", "Ngày mai là ngày thu gom {cats}",
                      "Amanhã é dia de coleta de {cats}", "भोलि {cats} सङ्कलन गर्ने दिन हो"),
    "no_collection_today": _m("今日の収集はありません", "きょう は ごみ を だす ひ では ありません",
                              "No collection today", "今天没有垃圾收集", "오늘은 수거가 없습니다",
                              "Hôm nay không thu gom rác", "Não há coleta hoje",
                              "आज फोहोर सङ्कलन हुँदैन"),
    "no_collection_tomorrow": _m("明日の収集はありません",
                                 "あした は ごみ を だす ひ では ありません",
                                 "No collection tomorrow", "明天没有垃圾收集",
                                 "내일은 수거가 없습니다", "Ngày mai không thu gom rác",
                                 "Não há coleta amanhã", "भोलि फोहोर सङ्कलन हुँदैन"),
    "list_sep": _m("・", "・", ", ", "、", ", ", ", ", ", ", ", "),
    "next_collections": _m("次の収集日", "つぎ に だす ひ", "Next collection days", "下次收集日",
                           "다음 수거일", "Ngày thu gom tiếp theo", "Próximas coletas",
                           "अर्को सङ्कलन दिन"),
    "category": _m("種類", "しゅるい", "Category", "类别", "종류", "Loại rác", "Categoria",
                   "प्रकार"),
    "next_date": _m("次の収集日", "つぎ の ひ", "Next collection", "下次收集", "다음 수거일",
                    "Lần thu gom tới", "Próxima coleta", "अर्को सङ्कलन"),
    "none_scheduled": _m("予定なし", "よてい は ありません", "Not scheduled", "暂无安排",
                         "예정 없음", "Chưa có lịch", "Sem data prevista", "तय भएको छैन"),
    "how_to": _m("出し方", "だしかた", "How to put it out", "投放方法", "배출 방법",
                 "Cách bỏ rác", "Como descartar", "फाल्ने तरिका"),
    "month_calendar": _m("月のカレンダー", "つき の カレンダー", "Monthly calendar", "月历",
                         "월간 달력", "Lịch tháng", "Calendário do mês", "मासिक पात्रो"),
    "month_caption": _m("{month}の収集日", "{month} の ごみ を だす ひ",
                        "Collection days in {month}", "{month}的收集日", "{month} 수거일",
                        "Ngày thu gom trong {month}", "Dias de coleta em {month}",
                        "{month} का सङ्कलन दिनहरू"),
    "prev_month": _m("前の月", "まえ の つき", "Previous month", "上个月", "이전 달",
                     "Tháng trước", "Mês anterior", "अघिल्लो महिना"),
    "next_month": _m("次の月", "つぎ の つき", "Next month", "下个月", "다음 달", "Tháng sau",
                     "Próximo mês", "अर्को महिना"),
    "no_collection": _m("収集なし", "なし", "No collection", "无收集", "수거 없음",
                        "Không thu gom", "Sem coleta", "सङ्कलन छैन"),
    "printable": _m("印刷用の年間カレンダー（A4）", "いんさつ する カレンダー（1ねん ぶん）",
                    "Printable calendar for the year (A4)", "可打印的年度日历（A4）",
                    "인쇄용 연간 달력(A4)", "Lịch cả năm để in (A4)",
                    "Calendário anual para imprimir (A4)", "छाप्न मिल्ने वार्षिक पात्रो (A4)"),
    "fiscal_year_title": _m("{year}年度 ごみ収集カレンダー", "{year}ねんど の ごみ カレンダー",
                            "Garbage collection calendar, fiscal year {year}",
                            "{year}年度垃圾收集日历", "{year}년도 쓰레기 수거 달력",
                            "Lịch thu gom rác năm tài chính {year}",
                            "Calendário de coleta de lixo, ano fiscal {year}",
                            "आर्थिक वर्ष {year} को फोहोर सङ्कलन पात्रो"),
    "print_hint": _m("ブラウザの印刷機能で印刷してください（A4縦）。",
                     "ブラウザ の「いんさつ」で いんさつ して ください（A4）。",
                     "Use your browser's print command (A4, portrait).",
                     "请使用浏览器的打印功能打印（A4纵向）。",
                     "브라우저의 인쇄 기능으로 인쇄하세요(A4 세로).",
                     "Hãy in bằng chức năng in của trình duyệt (A4 dọc).",
                     "Use a função de impressão do navegador (A4, retrato).",
                     "ब्राउजरको प्रिन्ट सुविधाबाट छाप्नुहोस् (A4, ठाडो)।"),
    "legend": _m("凡例", "しるし の いみ", "Legend", "图例", "범례", "Chú thích", "Legenda",
                 "सङ्केत"),
    "back_to_area": _m("地区のページへ戻る", "ちく の ページ に もどる", "Back to the area page",
                       "返回地区页面", "지역 페이지로 돌아가기", "Quay lại trang khu vực",
                       "Voltar à página da área", "क्षेत्रको पृष्ठमा फर्कनुहोस्"),
    "notices": _m("お知らせ", "おしらせ", "Notices", "通知", "공지", "Thông báo", "Avisos",
                  "सूचना"),
    "cancelled": _m("中止", "ありません（ちゅうし）", "Cancelled", "取消", "취소", "Hủy",
                    "Cancelada", "रद्द"),
    "moved_to": _m("{date}に変更", "{date} に かわりました", "Moved to {date}", "改到{date}",
                   "{date}(으)로 변경", "Chuyển sang {date}", "Transferida para {date}",
                   "{date} मा सारियो"),
    "collection_cancelled": _m("{date}の{cats}の収集は中止です",
                               "{date} の {cats} は ありません（ちゅうし）",
                               "{cats} collection on {date} is cancelled",
                               "{date}的{cats}收集取消", "{date} {cats} 수거는 취소되었습니다",
                               "Thu gom {cats} ngày {date} bị hủy",
                               "A coleta de {cats} em {date} foi cancelada",
                               "{date} को {cats} सङ्कलन रद्द गरिएको छ"),
    "collection_moved": _m("{date}の{cats}の収集は{new}に変更です",
                           "{date} の {cats} は {new} に かわりました",
                           "{cats} collection on {date} is moved to {new}",
                           "{date}的{cats}收集改到{new}",
                           "{date} {cats} 수거는 {new}(으)로 변경되었습니다",
                           "Thu gom {cats} ngày {date} được chuyển sang {new}",
                           "A coleta de {cats} em {date} passou para {new}",
                           "{date} को {cats} सङ्कलन {new} मा सारिएको छ"),
    "all_categories": _m("すべての種類", "ぜんぶ の しゅるい", "All categories", "所有类别",
                         "모든 종류", "Tất cả các loại", "Todas as categorias", "सबै प्रकार"),
    "item_search": _m("品目から分け方を調べる", "ごみ の なまえ で だしかた を しらべる",
                      "Search how to sort an item", "按物品查询分类方法",
                      "품목으로 분리배출 방법 찾기", "Tra cách phân loại theo tên đồ vật",
                      "Pesquisar como separar um item", "सामानको नामले छुट्याउने तरिका खोज्नुहोस्"),
    "search_label": _m("品目名", "ごみ の なまえ", "Item name", "物品名称", "품목 이름",
                       "Tên đồ vật", "Nome do item", "सामानको नाम"),
    "search_hint": _m("ひらがな・カタカナ・漢字・ローマ字で入力できます"
                      "（例：ぺっとぼとる、pettobotoru）",
                      "ひらがな、カタカナ、ローマじ で かけます（れい：ぺっとぼとる）",
                      "Japanese or romaji, e.g. pettobotoru, or the English name",
                      "可输入日语、罗马字（例如 pettobotoru）或中文名称",
                      "일본어, 로마자(예: pettobotoru) 또는 한국어 이름으로 입력하세요",
                      "Nhập bằng tiếng Nhật, romaji (ví dụ: pettobotoru) hoặc tiếng Việt",
                      "Em japonês, romaji (por exemplo: pettobotoru) ou em português",
                      "जापानी, रोमाजी (जस्तै: pettobotoru) वा नेपालीमा लेख्नुहोस्"),
    "search_button": _m("検索", "さがす", "Search", "搜索", "검색", "Tìm", "Pesquisar",
                        "खोज्नुहोस्"),
    "search_results": _m("「{q}」の検索結果：{n}件", "「{q}」 は {n}こ みつかりました",
                         "{n} result(s) for “{q}”", "“{q}”的搜索结果：{n}条",
                         "“{q}” 검색 결과: {n}건", "Kết quả cho “{q}”: {n}",
                         "{n} resultado(s) para “{q}”", "“{q}” का नतिजा: {n}"),
    "search_none": _m("見つかりませんでした。"
                      "別の言い方で探すか、市役所・役場にお問い合わせください。",
                      "みつかりません でした。ちがう ことば で さがして ください。"
                      "わからない ときは やくしょ に きいて ください。",
                      "Nothing found. Try another word, or ask the municipal office.",
                      "未找到。请换个说法搜索，或咨询市政府。",
                      "찾지 못했습니다. 다른 말로 검색하거나 시청·면사무소에 문의하세요.",
                      "Không tìm thấy. Hãy thử từ khác hoặc hỏi văn phòng thành phố.",
                      "Nada encontrado. Tente outra palavra ou pergunte à prefeitura.",
                      "केही भेटिएन। अर्को शब्दले खोज्नुहोस् वा नगरपालिकाको कार्यालयमा सोध्नुहोस्।"),
    "item": _m("品目", "ごみ の なまえ", "Item", "物品", "품목", "Đồ vật", "Item", "सामान"),
    "notes": _m("注意", "ちゅうい", "Notes", "注意事项", "주의", "Lưu ý", "Observações",
                "ध्यान दिनुहोस्"),
    "calendar_apps": _m("カレンダーアプリに登録（iCalendar）", "スマホ の カレンダー に いれる",
                        "Add to your calendar app (iCalendar)", "添加到日历应用（iCalendar）",
                        "캘린더 앱에 등록(iCalendar)", "Thêm vào ứng dụng lịch (iCalendar)",
                        "Adicionar ao app de calendário (iCalendar)",
                        "क्यालेन्डर एपमा थप्नुहोस् (iCalendar)"),
    "ical_alarm": _m("前日19時に通知あり", "まえ の ひ の よる 7じ に しらせる",
                     "with a reminder at 19:00 the day before", "前一天19:00提醒",
                     "전날 19시 알림 포함", "có nhắc lúc 19:00 hôm trước",
                     "com lembrete às 19:00 do dia anterior", "अघिल्लो दिन 19:00 मा सम्झना सहित"),
    "mail_reminders": _m("メールで知らせる", "メール で しらせる", "E-mail reminders",
                         "邮件提醒", "이메일 알림", "Nhắc qua e-mail", "Lembretes por e-mail",
                         "इमेलबाट सम्झना"),
    "mail_reminders_intro": _m("収集日の前日に、選んだ時刻にメールでお知らせします。",
                               "ごみ を だす ひ の まえ の ひ に、メール で しらせます。",
                               "We send you an e-mail the evening before each collection day.",
                               "在收集日前一天的指定时间发送邮件提醒。",
                               "수거일 전날 선택한 시각에 이메일로 알려 드립니다.",
                               "Chúng tôi gửi e-mail vào giờ bạn chọn, "
                               "một ngày trước ngày thu gom.",
                               "Enviamos um e-mail no horário escolhido, na véspera da coleta.",
                               "सङ्कलन दिनको अघिल्लो दिन तपाईंले छानेको समयमा इमेल पठाइन्छ।"),
    "email": _m("メールアドレス", "メール アドレス", "E-mail address", "电子邮件地址",
                "이메일 주소", "Địa chỉ e-mail", "Endereço de e-mail", "इमेल ठेगाना"),
    "area": _m("地区", "ちく", "Area", "地区", "지역", "Khu vực", "Área", "क्षेत्र"),
    "categories_to_remind": _m("知らせてほしい種類", "しらせて ほしい ごみ",
                               "Categories to remind you of", "需要提醒的类别",
                               "알림 받을 종류", "Các loại rác cần nhắc",
                               "Categorias para lembrar", "सम्झना चाहिने प्रकार"),
    "remind_time": _m("前日の通知時刻", "まえ の ひ の なんじ に しらせるか",
                      "Time of the reminder (the day before)", "提醒时间（前一天）",
                      "알림 시각(전날)", "Giờ nhắc (ngày hôm trước)",
                      "Horário do lembrete (na véspera)", "सम्झनाको समय (अघिल्लो दिन)"),
    "subscribe": _m("登録する", "とうろく する", "Sign up", "登记", "등록", "Đăng ký",
                    "Cadastrar", "दर्ता गर्नुहोस्"),
    "signup_sent": _m("確認のメールを送りました。メールにあるリンクを開くと登録が完了します。",
                      "メール を おくりました。メール の リンク を ひらくと とうろく できます。",
                      "We have sent you a confirmation e-mail. Open the link in it to finish.",
                      "确认邮件已发送。打开邮件中的链接即可完成登记。",
                      "확인 메일을 보냈습니다. 메일의 링크를 열면 등록이 완료됩니다.",
                      "Chúng tôi đã gửi e-mail xác nhận. Hãy mở liên kết trong thư để hoàn tất.",
                      "Enviamos um e-mail de confirmação. Abra o link para concluir.",
                      "पुष्टि इमेल पठाइयो। दर्ता पूरा गर्न इमेलको लिङ्क खोल्नुहोस्।"),
    "confirmed": _m("登録が完了しました。収集日の前日にメールが届きます。",
                    "とうろく できました。ごみ を だす ひ の まえ の ひ に メール が きます。",
                    "You are signed up. Reminders will arrive the day before collection.",
                    "登记完成。收集日前一天您将收到邮件。",
                    "등록이 완료되었습니다. 수거일 전날 메일이 도착합니다.",
                    "Đăng ký hoàn tất. Bạn sẽ nhận e-mail một ngày trước ngày thu gom.",
                    "Cadastro concluído. Os lembretes chegam na véspera da coleta.",
                    "दर्ता पूरा भयो। सङ्कलनको अघिल्लो दिन इमेल आउनेछ।"),
    "unsubscribe": _m("配信を停止する", "メール を とめる", "Unsubscribe", "取消订阅",
                      "수신 거부", "Hủy đăng ký", "Cancelar inscrição", "इमेल बन्द गर्नुहोस्"),
    "unsubscribe_ask": _m("メールの配信を停止しますか。", "メール を とめますか。",
                          "Stop the reminder e-mails?", "要停止邮件提醒吗？",
                          "알림 메일 수신을 중지하시겠습니까?", "Ngừng nhận e-mail nhắc?",
                          "Parar de receber os lembretes?", "सम्झना इमेल बन्द गर्ने हो?"),
    "unsubscribed": _m("配信を停止しました。", "メール を とめました。",
                       "You have been unsubscribed.", "已取消订阅。", "수신이 중지되었습니다.",
                       "Bạn đã hủy đăng ký.", "Sua inscrição foi cancelada.",
                       "इमेल पठाउन बन्द गरियो।"),
    "link_invalid": _m("このリンクは無効か、有効期限が切れています。",
                       "この リンク は つかえません。",
                       "This link is invalid or has expired.", "此链接无效或已过期。",
                       "이 링크는 유효하지 않거나 만료되었습니다.",
                       "Liên kết này không hợp lệ hoặc đã hết hạn.",
                       "Este link é inválido ou expirou.", "यो लिङ्क अमान्य छ वा म्याद सकिएको छ।"),
    "error_summary": _m("入力内容を確認してください", "かいた ことを たしかめて ください",
                        "Please check what you entered", "请检查输入内容", "입력 내용을 확인하세요",
                        "Vui lòng kiểm tra thông tin đã nhập", "Verifique os dados informados",
                        "तपाईंले लेखेको कुरा जाँच गर्नुहोस्"),
    "error_email": _m("正しいメールアドレスを入力してください。",
                      "ただしい メール アドレス を かいて ください。",
                      "Enter a valid e-mail address.", "请输入有效的电子邮件地址。",
                      "올바른 이메일 주소를 입력하세요.", "Hãy nhập địa chỉ e-mail hợp lệ.",
                      "Informe um endereço de e-mail válido.", "सही इमेल ठेगाना लेख्नुहोस्।"),
    "error_categories": _m("種類を1つ以上選んでください。",
                           "ごみ の しゅるい を えらんで ください。",
                           "Choose at least one category.", "请至少选择一个类别。",
                           "종류를 하나 이상 선택하세요.", "Hãy chọn ít nhất một loại.",
                           "Escolha pelo menos uma categoria.", "कम्तीमा एउटा प्रकार छान्नुहोस्।"),
    "error_time": _m("時刻を選んでください。", "じかん を えらんで ください。",
                     "Choose a time.", "请选择时间。", "시각을 선택하세요.", "Hãy chọn giờ.",
                     "Escolha um horário.", "समय छान्नुहोस्।"),
    "mail_confirm_subject": _m("【ごみ収集日】メール配信の登録確認",
                               "【ごみ の ひ】とうろく の かくにん",
                               "[Garbage days] Please confirm your sign-up",
                               "【垃圾收集日】请确认登记", "[쓰레기 수거일] 등록 확인",
                               "[Ngày thu gom rác] Xác nhận đăng ký",
                               "[Dias de coleta] Confirme seu cadastro",
                               "[फोहोर सङ्कलन दिन] दर्ता पुष्टि गर्नुहोस्"),
    "mail_confirm_body": _m("{area}のごみ収集日のメール配信に登録するには、"
                            "次のリンクを開いてください。\n{url}\n\n"
                            "心当たりのない場合は、このメールを破棄してください。登録はされません。",
                            "{area} の ごみ の ひ の メール を うけとる には、つぎ の リンク を "
                            "ひらいて ください。\n{url}\n\n"
                            "しらない メール の ときは すてて ください。",
                            "To receive garbage collection reminders for {area}, open this link:\n"
                            "{url}\n\nIf you did not ask for this, ignore this e-mail; "
                            "nothing will be sent.",
                            "如需接收{area}的垃圾收集提醒邮件，请打开以下链接：\n{url}\n\n"
                            "如果不是您本人操作，请忽略此邮件。",
                            "{area}의 쓰레기 수거일 메일을 받으려면 다음 링크를 여세요.\n{url}\n\n"
                            "본인이 신청하지 않았다면 이 메일을 무시하세요.",
                            "Để nhận e-mail nhắc ngày thu gom rác của {area}, hãy mở liên kết:\n"
                            "{url}\n\nNếu bạn không đăng ký, hãy bỏ qua e-mail này.",
                            "Para receber lembretes de coleta de lixo de {area}, abra este link:\n"
                            "{url}\n\nSe você não pediu isto, ignore este e-mail.",
                            "{area} को फोहोर सङ्कलन सम्झना इमेल पाउन यो लिङ्क खोल्नुहोस्:\n{url}\n\n"
                            "तपाईंले माग नगरेको भए यो इमेल बेवास्ता गर्नुहोस्।"),
    "mail_reminder_body": _m("{area}：明日（{date}）は{cats}の日です。",
                             "{area}：あした（{date}）は {cats} を だす ひ です。",
                             "{area}: tomorrow ({date}) is collection day for {cats}.",
                             "{area}：明天（{date}）是{cats}的收集日。",
                             "{area}: 내일({date})은 {cats} 배출일입니다.",
                             "{area}: ngày mai ({date}) là ngày thu gom {cats}.",
                             "{area}: amanhã ({date}) é dia de coleta de {cats}.",
                             "{area}: भोलि ({date}) {cats} सङ्कलन गर्ने दिन हो।"),
    "mail_notice_subject": _m("【重要】ごみ収集のお知らせ", "【だいじ】ごみ の おしらせ",
                              "[Important] Garbage collection notice", "【重要】垃圾收集通知",
                              "[중요] 쓰레기 수거 안내", "[Quan trọng] Thông báo thu gom rác",
                              "[Importante] Aviso sobre a coleta de lixo",
                              "[महत्त्वपूर्ण] फोहोर सङ्कलन सूचना"),
    "mail_footer": _m("配信停止（ワンクリック）：{url}", "メール を とめる：{url}",
                      "Unsubscribe (one click): {url}", "取消订阅（一键）：{url}",
                      "수신 거부(원클릭): {url}", "Hủy đăng ký (một lần nhấp): {url}",
                      "Cancelar inscrição (um clique): {url}", "इमेल बन्द गर्न (एक क्लिक): {url}"),
}

_MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "pt-br": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
              "setembro", "outubro", "novembro", "dezembro"],
    "ne": ["जनवरी", "फेब्रुअरी", "मार्च", "अप्रिल", "मे", "जुन", "जुलाई", "अगस्ट", "सेप्टेम्बर",
           "अक्टोबर", "नोभेम्बर", "डिसेम्बर"],
}

#: Short weekday names, Monday first (date.weekday() order).
WEEKDAYS = {
    "ja": ["月", "火", "水", "木", "金", "土", "日"],
    "ja-easy": ["月", "火", "水", "木", "金", "土", "日"],
    "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    "zh-hans": ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
    "ko": ["월", "화", "수", "목", "금", "토", "일"],
    "vi": ["T2", "T3", "T4", "T5", "T6", "T7", "CN"],
    "pt-br": ["seg", "ter", "qua", "qui", "sex", "sáb", "dom"],
    "ne": ["सोम", "मङ्गल", "बुध", "बिही", "शुक्र", "शनि", "आइत"],
}


def lang_or_default(code: str | None) -> str:
    """A supported resident language for a ?lang= value (Japanese when unknown)."""
    code = (code or "").strip().lower().replace("_", "-")
    return code if code in LANGS else DEFAULT_LANG


def text(key: str, lang: str, **params) -> str:
    """The message ``key`` in ``lang`` (Japanese when missing), with {params} filled in."""
    entry = MESSAGES[key]
    template = entry.get(lang) or entry[DEFAULT_LANG]
    return template.format(**params) if params else template


def html(key: str, lang: str, **params) -> SafeString:
    """The message as safe HTML: parameters are escaped unless already safe (e.g. lang spans)."""
    entry = MESSAGES[key]
    template = conditional_escape(entry.get(lang) or entry[DEFAULT_LANG])
    escaped = {k: conditional_escape(v) for k, v in params.items()}
    return mark_safe(template.format(**escaped))  # noqa: S308 - every part escaped above


def data_span(value: str, *, value_lang: str, page_lang: str) -> SafeString:
    """Data text for a page: wrapped in a lang span when its language is not the page's."""
    if HTML_LANG.get(value_lang) == HTML_LANG.get(page_lang):
        return conditional_escape(value)
    return format_html('<span lang="{}">{}</span>', HTML_LANG.get(value_lang, "ja"), value)


def month_label(*, year: int, month: int, lang: str) -> str:
    """The name of a month in ``lang`` (2025年4月, April 2025, tháng 4 năm 2025…)."""
    if lang in ("ja", "ja-easy", "zh-hans"):
        return f"{year}年{month}月"
    if lang == "ko":
        return f"{year}년 {month}월"
    if lang == "vi":
        return f"tháng {month} năm {year}"
    if lang == "pt-br":
        return f"{_MONTHS['pt-br'][month - 1]} de {year}"
    if lang == "ne":
        return f"{_MONTHS['ne'][month - 1]} {year}"
    return f"{_MONTHS['en'][month - 1]} {year}"


def date_label(day: date, *, lang: str, weekday: bool = True) -> str:
    """A date as residents read it (4月5日(土), Sat 5 April, 4월 5일 (토)…)."""
    wd = WEEKDAYS.get(lang, WEEKDAYS["ja"])[day.weekday()]
    m, d = day.month, day.day
    if lang in ("ja", "ja-easy"):
        return f"{m}月{d}日({wd})" if weekday else f"{m}月{d}日"
    if lang == "zh-hans":
        return f"{m}月{d}日（{wd}）" if weekday else f"{m}月{d}日"
    if lang == "ko":
        return f"{m}월 {d}일 ({wd})" if weekday else f"{m}월 {d}일"
    if lang == "vi":
        return f"{wd}, {d}/{m}" if weekday else f"{d}/{m}"
    if lang == "pt-br":
        base = f"{d} de {_MONTHS['pt-br'][m - 1]}"
        return f"{wd}., {base}" if weekday else base
    if lang == "ne":
        base = f"{_MONTHS['ne'][m - 1]} {d}"
        return f"{base} ({wd})" if weekday else base
    base = f"{d} {_MONTHS['en'][m - 1]}"
    return f"{wd} {base}" if weekday else base
