"""Hypothesis strategies for Japanese-looking text, shared by the text and search tests."""

from __future__ import annotations

from hypothesis import strategies as st

# Words the Sudachi variant step changes (附属 → 付属 …) or that sit near such words.
VARIANT_WORDS = (
    "附属 學校 櫻 國 會議 申込 申込書 峯 佛 檢査 藝術 舊 讀む 讀賣 ごみ袋 子ども 燃やせる 珈琲 "
    "綜合 衣裳 受付 問合せ 取扱い 十日町 一丁目 1人 3ヶ月 霞ヶ関 公園 人口 ゴミ ｶﾞｽ"
).split()
JAPANESE_ALPHABET = (
    "あいうえおかがきぎくこごさしすせそたちつてとなにのはばぱまみむめもやゆよらりるれろわをん"
    "ぁぃぅぇぉっゃゅょゕゖゔゝゞ"
    "アイウエオカガキクケコサシスセソタチツテトナニノハバパマミムメモヤユヨラリルレロワヲンヴヵヶヽヾ"
    "ｱｲｳｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾊﾋﾌﾍﾎｰﾞﾟ"
    "ー・ー〜"
    "公園人口市立中央遊具一覧附属付属学校小中高図書館申込書受付燃可不粗大資源ごみ塵袋"
    "國国會会議櫻桜峯峰佛仏檢検査藝芸術舊旧讀読賣売新聞子供渡邊辺齋斎藤髙高橋日月年"
    "々〆〇一二三十百千万"
    "0123456789０１２３４５６７８９abcXYZＡＢＣｘｙｚßſİﬀ"
    "-‐‑‒–—―−－ \u3000\t\n、。，．,._()（）「」"
    "\u3099\u309a\u200b"
)

japanese_text = st.lists(
    st.one_of(
        st.sampled_from(VARIANT_WORDS),
        st.text(alphabet=JAPANESE_ALPHABET, max_size=6),
    ),
    max_size=8,
).map("".join)

# Realistic text, and anything at all.
any_text = st.one_of(japanese_text, st.text(max_size=40))
