"""Namespaces and the mappings from our values to the EU and IANA vocabularies DCAT-AP uses."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")

EU = "http://publications.europa.eu/resource/authority/"
EU_THEME = Namespace(EU + "data-theme/")
EU_THEME_SCHEME = EU + "data-theme"
EU_FREQUENCY = Namespace(EU + "frequency/")
EU_FILE_TYPE = Namespace(EU + "file-type/")
EU_LANGUAGE = Namespace(EU + "language/")
IANA_MEDIA_TYPE = "https://www.iana.org/assignments/media-types/"
PUBLISHER_TYPE = Namespace("http://purl.org/adms/publishertype/")

PREFIXES = {
    "dcat": DCAT,
    "dct": DCTERMS,
    "foaf": FOAF,
    "vcard": VCARD,
    "skos": SKOS,
    "spdx": SPDX,
    "hydra": HYDRA,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
}

# Our categories (catalog/data/reference.json) -> EU data themes. A category may map to two
# themes when it spans them; a category added later without an entry keeps only its own URI.
THEMES = {
    "population": ("SOCI",),  # 人口・世帯: Population and society
    "disaster": ("JUST",),  # 防災・安全: Justice, legal system and public safety
    "health": ("HEAL",),  # 健康・福祉: Health
    "childcare": ("EDUC", "SOCI"),  # 子育て・教育: Education…; Population and society
    "facilities": ("GOVE",),  # 公共施設: Government and public sector
    "tourism": ("EDUC", "ECON"),  # 観光・文化: Education, culture and sport; Economy
    "environment": ("ENVI",),  # 環境・ごみ: Environment
    "economy": ("ECON",),  # 産業・経済: Economy and finance
    "administration": ("GOVE",),  # 行財政: Government and public sector
    "transport": ("TRAN", "REGI"),  # 交通・まちづくり: Transport; Regions and cities
}

# Dataset.update_frequency -> EU frequency authority list.
FREQUENCIES = {
    "irregular": "IRREG",
    "daily": "DAILY",
    "weekly": "WEEKLY",
    "monthly": "MONTHLY",
    "quarterly": "QUARTERLY",
    "annual": "ANNUAL",
    "never": "NEVER",
}

# Resource.format -> (IANA media type, EU file type). Unknown formats get neither.
FORMATS = {
    "CSV": ("text/csv", "CSV"),
    "TSV": ("text/tab-separated-values", "TSV"),
    "XLSX": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
    "XLS": ("application/vnd.ms-excel", "XLS"),
    "ODS": ("application/vnd.oasis.opendocument.spreadsheet", "ODS"),
    "JSON": ("application/json", "JSON"),
    "GEOJSON": ("application/geo+json", "GEOJSON"),
    "JSONLD": ("application/ld+json", "JSON_LD"),
    "RDF": ("application/rdf+xml", "RDF_XML"),
    "TTL": ("text/turtle", "RDF_TURTLE"),
    "XML": ("application/xml", "XML"),
    "KML": ("application/vnd.google-earth.kml+xml", "KML"),
    "PDF": ("application/pdf", "PDF"),
    "HTML": ("text/html", "HTML"),
    "TXT": ("text/plain", "TXT"),
    "ZIP": ("application/zip", "ZIP"),
    "SHP": ("application/zip", "SHP"),
    "GZ": ("application/gzip", "GZIP"),
    "DOCX": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"),
    "DOC": ("application/msword", "DOC"),
    "PPTX": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "PPTX"),
    "PNG": ("image/png", "PNG"),
    "JPEG": ("image/jpeg", "JPEG"),
    "JPG": ("image/jpeg", "JPEG"),
    "GIF": ("image/gif", "GIF"),
    "ICS": ("text/calendar", "ICS"),
    "PARQUET": ("application/vnd.apache.parquet", "PARQUET"),
}

# The platform itself, publisher of the catalogue (the names used by the page templates).
SITE_NAME_JA = "官民データ活用基盤 Kanmin"
SITE_NAME_EN = "Kanmin open data platform"
CATALOG_DESCRIPTION_JA = "自治体が公開するオープンデータのカタログです。"
CATALOG_DESCRIPTION_EN = "Catalogue of the open data published by local governments."
