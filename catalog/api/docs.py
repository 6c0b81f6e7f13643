"""/api/v1/docs: the OpenAPI document as an accessible page, with no script and no other origin.

django-ninja's own page loads Swagger UI (from a CDN unless 'ninja' is an installed app) and has
no language, headings or skip link; this page is rendered with our base template instead and
works without JavaScript: each operation is listed with its parameters and responses, and the
GET operations that need no path parameter can be tried with a plain form or link.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.http import HttpResponse
from django.template import engines
from django.views.decorators.http import require_safe

from catalog.api.main import openapi_document

TEMPLATE = Path(__file__).with_name("docs.html")
METHODS = ("get", "post", "put", "patch", "delete")


@cache
def _template():
    return engines["django"].from_string(TEMPLATE.read_text(encoding="utf-8"))


def _ref_name(schema: dict) -> str:
    return schema["$ref"].rsplit("/", 1)[-1]


def type_label(schema: dict | None) -> str:
    """A short human label for a JSON Schema ('string', 'array of string', 'Dataset'…)."""
    if not schema:
        return ""
    if "$ref" in schema:
        return _ref_name(schema)
    if "anyOf" in schema:
        return " | ".join(type_label(s) for s in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    if schema.get("type") == "array":
        return "array of " + type_label(schema.get("items"))
    if schema.get("properties"):
        return "object (" + ", ".join(schema["properties"]) + ")"
    label = str(schema.get("type", "object"))
    return f"{label} ({schema['format']})" if "format" in schema else label


def _parameter(op_id: str, raw: dict) -> dict:
    schema = raw.get("schema", {})
    return {
        "name": raw["name"],
        "where": raw["in"],
        "required": raw.get("required", False),
        "type": type_label(schema),
        "description": raw.get("description") or schema.get("description", ""),
        "choices": schema.get("enum", []),
        "is_bool": schema.get("type") == "boolean",
        "default": schema.get("default", ""),
        "input_id": f"{op_id}-{raw['name']}",
    }


def _body(operation: dict) -> list[dict]:
    content = operation.get("requestBody", {}).get("content", {})
    return [
        {"media_type": media, "type": type_label(spec.get("schema"))}
        for media, spec in sorted(content.items())
    ]


def _responses(operation: dict) -> list[dict]:
    out = []
    for status, spec in sorted(operation.get("responses", {}).items()):
        schemas = [type_label(c.get("schema")) for c in spec.get("content", {}).values()]
        out.append(
            {
                "status": status,
                "description": spec.get("description", ""),
                "type": ", ".join(schemas),
            }
        )
    return out


def operations(document: dict) -> list[dict]:
    """Operations grouped by tag, in the document's path order."""
    groups: dict[str, list[dict]] = {}
    for path, item in document.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            op_id = operation.get("operationId", f"{method}-{path}")
            params = [_parameter(op_id, p) for p in operation.get("parameters", [])]
            entry = {
                "id": op_id,
                "method": method.upper(),
                "path": path,
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "secured": bool(operation.get("security")),
                "parameters": params,
                "body": _body(operation),
                "responses": _responses(operation),
                "query": [p for p in params if p["where"] == "query"],
                "tryable": method == "get" and all(p["where"] == "query" for p in params),
            }
            groups.setdefault((operation.get("tags") or ["api"])[0], []).append(entry)
    return [{"tag": tag, "operations": ops} for tag, ops in groups.items()]


def components(document: dict) -> list[dict]:
    """The schemas with their properties."""
    out = []
    for name, schema in sorted(document.get("components", {}).get("schemas", {}).items()):
        required = set(schema.get("required", []))
        props = [
            {
                "name": key,
                "type": type_label(value),
                "required": key in required,
                "description": value.get("description", ""),
            }
            for key, value in schema.get("properties", {}).items()
        ]
        out.append(
            {"name": name, "description": schema.get("description", ""), "properties": props}
        )
    return out


@cache
def _context() -> dict:
    # The document only changes with the code: build it once per process.
    document = openapi_document()
    return {
        "info": document["info"],
        "groups": operations(document),
        "components": components(document),
    }


@require_safe
def docs_page(request):
    """The API documentation page."""
    return HttpResponse(_template().render(_context(), request))
