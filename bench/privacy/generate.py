"""Generate resident-like tables and ARX-style hierarchies for the privacy benchmark.

One pass writes, for N rows (deterministic for a seed), into ``var/bench/privacy/residents_N_sSEED/``:

- ``residents.csv``  UTF-8, header row, columns 住民ID (identifier), 年齢, 性別, 郵便番号, 町丁目,
  世帯人員, 職業, 所得階層 and 病名 (the sensitive attribute); ages follow a Japanese-like
  pyramid with a few people aged 100 and over; 町丁目 are spread over three cities with one
  postal code each (neighbouring 町丁目 sometimes share one), as in real 住民基本台帳 extracts;
- ``hierarchies/<column>.csv`` the generalisation hierarchy of each quasi-identifier in the
  format ARX uses (semicolon-separated, no header, one row per value, level 0 first), read by
  both Kanmin (``csv:`` hierarchies) and anjana (``pd.read_csv(..., header=None)``);
- ``manifest.json`` what was generated (reused when it matches).

The age and postal-code hierarchies are written from Kanmin's built-in ones, so a ``csv:``
run and a built-in run generalise alike.

  .venv/bin/python bench/privacy/generate.py --rows 100000   # → var/bench/privacy/…
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

GENERATOR_VERSION = 1
DEFAULT_CACHE = ROOT / "var" / "bench" / "privacy"
QUASI = ["年齢", "性別", "郵便番号", "町丁目", "職業"]
SENSITIVE = "病名"
IDENTIFIER = "住民ID"
HEADERS = [IDENTIFIER, "年齢", "性別", "郵便番号", "町丁目", "世帯人員", "職業", "所得階層", SENSITIVE]

# (city, 3-digit postal prefix, districts (地区) with their 町 names, 丁目 per 町)
CITIES = [
    ("愛知県みかわ市", "444", ["中央", "北部", "南部", "東部", "西部", "山間"], 3),
    ("愛知県さくら市", "445", ["本町", "駅前", "川沿い", "丘陵", "港"], 4),
    ("愛知県あおい町", "446", ["上郷", "下郷", "新田"], 2),
]
TOWNS = ["本", "元", "新", "栄", "旭", "緑", "若葉", "桜", "松", "竹", "梅", "寿", "大和",
         "昭和", "平和", "東", "西", "南", "北", "宮"]
OCCUPATIONS = {
    "専門・技術": ["医師", "看護師", "技術者", "教員", "研究者"],
    "事務・販売": ["事務員", "販売員", "営業職"],
    "サービス": ["調理師", "介護職", "理容・美容師", "警備員"],
    "生産・輸送": ["製造工", "運転手", "建設作業者", "配送員"],
    "農林漁業": ["農業", "林業", "漁業"],
    "その他": ["学生", "無職", "家事", "その他"],
}
INCOME = ["200万円未満", "200〜400万円", "400〜600万円", "600〜800万円", "800万円以上"]
DISEASES = ["高血圧", "糖尿病", "脂質異常症", "喘息", "うつ病", "がん", "心疾患", "なし"]
DISEASE_WEIGHTS = [18, 10, 10, 6, 5, 4, 4, 43]


@dataclass(frozen=True)
class Generated:
    """Paths of one generated size."""

    rows: int
    directory: Path

    @property
    def csv(self) -> Path:
        """The resident table."""
        return self.directory / "residents.csv"

    def hierarchy(self, column: str) -> Path:
        """The ARX-style hierarchy file of a quasi-identifier."""
        return self.directory / "hierarchies" / f"{column}.csv"


def _towns(rng: random.Random) -> list[tuple[str, str, str, str]]:
    """Every 町丁目 as (町丁目, 地区, city, 7-digit postal code)."""
    out = []
    for city, prefix, districts, chome in CITIES:
        code = 0
        for d, district in enumerate(districts):
            names = rng.sample(TOWNS, 5)
            for name in names:
                town = f"{district}{name}町" if d % 2 else f"{name}{district}町"
                code += 1 + rng.randrange(3)
                for c in range(1, chome + 1):
                    # Neighbouring 丁目 sometimes share a postal code, as in real areas.
                    if c > 1 and rng.random() < 0.4:
                        code += 1
                    out.append((f"{city}{town}{c}丁目", f"{city}{district}地区", city,
                                f"{prefix}-{code:04d}"))
    return out


def _age(rng: random.Random) -> int:
    """An age from a rough Japanese population pyramid, with a thin tail past 100."""
    r = rng.random()
    if r < 0.0008:
        return 100 + rng.randrange(6)
    if r < 0.12:
        return 75 + min(int(rng.expovariate(0.12)), 24)
    return rng.randrange(0, 75)


def _occupation(rng: random.Random, age: int) -> str:
    """An occupation consistent enough with the age (students young, 無職 old)."""
    if age < 20:
        return "学生" if age >= 6 else "無職"
    if age >= 70 and rng.random() < 0.7:
        return "無職"
    group = rng.choice(list(OCCUPATIONS))
    return rng.choice(OCCUPATIONS[group])


def rows(n: int, *, seed: int):
    """Yield the N generated rows (lists of strings) in HEADERS order."""
    rng = random.Random(seed)
    towns = _towns(rng)
    weights = [rng.uniform(0.3, 3.0) for _ in towns]
    cum = []
    acc = 0.0
    for w in weights:
        acc += w
        cum.append(acc)
    for i in range(n):
        age = _age(rng)
        town, _, _, postal = rng.choices(towns, cum_weights=cum)[0]
        yield [f"J{i:08d}", str(age), "男" if rng.random() < 0.487 else "女", postal, town,
               str(min(1 + int(rng.expovariate(0.6)), 8)), _occupation(rng, age),
               rng.choice(INCOME), rng.choices(DISEASES, weights=DISEASE_WEIGHTS)[0]]


def hierarchies(*, seed: int) -> dict[str, list[list[str]]]:
    """The ARX-style hierarchy rows of each quasi-identifier (level 0 first)."""
    from privacy.anonymise.hierarchies import _age_rows, _postal_rows

    towns = _towns(random.Random(seed))
    return {
        # Level 0 is the age as written: ARX-style files map raw values.
        "年齢": [[str(a), *_age_rows(str(a))[0][1:]] for a in range(0, 106)],
        "性別": [["男", "*"], ["女", "*"]],
        "郵便番号": [_postal_rows(p)[0] for p in sorted({t[3] for t in towns})],
        "町丁目": [[t[0], t[1], t[2], "*"] for t in towns],
        "職業": [[o, g, "*"] for g, os_ in OCCUPATIONS.items() for o in os_],
    }


def _manifest(n: int, seed: int) -> dict:
    """What identifies one generated directory."""
    return {"version": GENERATOR_VERSION, "rows": n, "seed": seed, "headers": HEADERS}


def ensure(n: int, *, cache_dir: Path = DEFAULT_CACHE, seed: int = 20261123) -> Generated:
    """Return the generated files for N rows, writing them unless a matching copy exists."""
    gen = Generated(rows=n, directory=cache_dir / f"residents_{n}_s{seed}")
    manifest = gen.directory / "manifest.json"
    if manifest.exists() and json.loads(manifest.read_text("utf-8")) == _manifest(n, seed):
        return gen
    (gen.directory / "hierarchies").mkdir(parents=True, exist_ok=True)
    with gen.csv.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADERS)
        w.writerows(rows(n, seed=seed))
    for column, table in hierarchies(seed=seed).items():
        with gen.hierarchy(column).open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, delimiter=";", lineterminator="\n").writerows(table)
    manifest.write_text(json.dumps(_manifest(n, seed), ensure_ascii=False), "utf-8")
    return gen


def main() -> None:
    """Generate one size from the command line."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--seed", type=int, default=20261123)
    p.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE)
    args = p.parse_args()
    gen = ensure(args.rows, cache_dir=args.cache_dir, seed=args.seed)
    print(gen.directory)


if __name__ == "__main__":
    main()
