#!/usr/bin/env python3
"""Writes src/import/countries.txt: one country a line, its ISO 3166-1 alpha-3 code, then its names
separated by `|`: the English names and French name of Debian's iso-codes package (ISO 3166-1 as
published, with its French translation), then the spellings that publishers use (VARIANTS below:
the Fragile States Index, WJP, V-Dem, CIVICUS, IEP and the World Bank). Run from the repository root:
    python3 tools/countries/make_table.py
Needs Debian's iso-codes package (/usr/share/iso-codes, /usr/share/locale/fr)."""
import gettext
import json

VARIANTS = {
    "BHS": ["Bahamas, The", "The Bahamas"],
    "BOL": ["Bolivia"],
    "BRN": ["Brunei"],
    "CIV": ["Cote d'Ivoire", "Ivory Coast", "Côte-d'Ivoire"],
    "COD": ["Democratic Republic of the Congo", "Congo Democratic Republic", "Congo, Democratic Republic of the",
            "Congo, Dem. Rep.", "DR Congo", "DRC", "Congo (Kinshasa)", "Congo, Democratic Republic",
            "République démocratique du Congo", "RD Congo", "RDC"],
    "COG": ["Republic of the Congo", "Congo Republic", "Congo, Republic of the", "Congo, Rep.", "Congo (Brazzaville)",
            "Congo-Brazzaville", "République du Congo"],
    "CPV": ["Cape Verde", "Cabo Verde"],
    "CZE": ["Czech Republic", "Czechia"],
    "FSM": ["Micronesia", "Micronesia, Fed. Sts."],
    "GMB": ["Gambia", "The Gambia", "Gambia, The"],
    "GNB": ["Guinea Bissau"],
    "IRN": ["Iran", "Iran, Islamic Rep."],
    "ISR": ["Israel and West Bank", "Israel/West Bank"],
    "KGZ": ["Kyrgyz Republic"],
    "KOR": ["South Korea", "Korea, Rep.", "Republic of Korea", "Korea, South", "Corée du Sud"],
    "PRK": ["North Korea", "Korea, Dem. People's Rep.", "Korea, North", "Corée du Nord"],
    "LAO": ["Laos", "Lao PDR"],
    "MDA": ["Moldova"],
    "MKD": ["Macedonia", "North Macedonia", "FYR Macedonia", "Macédoine du Nord"],
    "MMR": ["Myanmar", "Burma", "Burma/Myanmar", "Myanmar (Burma)", "Birmanie"],
    "PSE": ["Palestine", "Palestine/West Bank", "Palestine/Gaza", "West Bank and Gaza", "Palestinian Territories",
            "State of Palestine"],
    "RUS": ["Russia", "Russian Federation", "Russie"],
    "SVK": ["Slovak Republic", "Slovakia"],
    "SWZ": ["Swaziland", "Eswatini"],
    "SYR": ["Syria", "Syrian Arab Republic", "Syrie"],
    "STP": ["Sao Tome and Principe"],
    "TLS": ["East Timor", "Timor-Leste"],
    "TUR": ["Turkey", "Türkiye", "Turquie"],
    "TZA": ["Tanzania"],
    "USA": ["United States", "United States of America", "USA", "US", "États-Unis"],
    "GBR": ["United Kingdom", "UK", "Great Britain", "Royaume-Uni"],
    "VEN": ["Venezuela", "Venezuela, RB"],
    "VNM": ["Vietnam", "Viet Nam"],
    "YEM": ["Yemen", "Yemen, Rep."],
    "EGY": ["Egypt", "Egypt, Arab Rep."],
    "XKX": ["Kosovo"],
    "VAT": ["Vatican", "Holy See"],
    "TWN": ["Taiwan"],
}

# Not in ISO 3166-1, but with a code most publishers use (the World Bank, V-Dem, the FSI).
EXTRA = {"XKX": ("Kosovo", "Kosovo")}

def main():
    data = json.load(open("/usr/share/iso-codes/json/iso_3166-1.json"))["3166-1"]
    fr = gettext.translation("iso_3166-1", "/usr/share/locale", languages=["fr"])
    rows = []
    for c in data:
        names = [c["name"]]
        for k in ("common_name", "official_name"):
            if k in c:
                names.append(c[k])
        names.append(fr.gettext(c["name"]))
        if "official_name" in c:
            names.append(fr.gettext(c["official_name"]))
        rows.append((c["alpha_3"], names))
    for code, (en, fr_name) in EXTRA.items():
        rows.append((code, [en, fr_name]))
    out = []
    for code, names in sorted(rows):
        names = names + VARIANTS.get(code, [])
        seen = []
        for n in names:
            if n not in seen and "|" not in n:
                seen.append(n)
        out.append(code + "|" + "|".join(seen))
    with open("src/import/countries.txt", "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")

main()
