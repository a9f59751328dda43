"""The OpenAPI 3.1 document served at /openapi.json; the report's schema is the published one, inlined."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from checker import __version__
from checker.formats import FORMATS

ERROR = {"description": "A one-line error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
LT_FORM = {
    "type": "object",
    "properties": {
        "text": {"type": "string", "description": "The text to check (this or data)"},
        "data": {"type": "string", "description": "Annotated text as JSON: {\"annotation\": [{\"text\": ...}, {\"markup\": ..., \"interpretAs\": ...}]}"},
        "language": {"type": "string", "description": "en, en-US, en-GB, ... or auto"},
        "enabledRules": {"type": "string", "description": "Comma-separated rule ids"},
        "disabledRules": {"type": "string"},
        "enabledCategories": {"type": "string"},
        "disabledCategories": {"type": "string"},
        "enabledOnly": {"type": "string", "enum": ["true", "false"]},
    },
    "required": ["language"],
}


@cache
def openapi_document() -> dict:
    raw = resources.files("checker.schemas").joinpath("report.schema.json").read_text("utf-8")
    report = json.loads(raw.replace('"#/$defs/', '"#/components/schemas/Report/$defs/'))  # refs from the document root
    report.pop("$schema", None)
    report.pop("$id", None)
    report.setdefault("properties", {})["gate"] = {"$ref": "#/components/schemas/Gate"}
    return {
        "openapi": "3.1.0",
        "info": {"title": "checker serve", "version": __version__,
                 "description": "Translation-quality and consistency checks for wire copy: the JSON report (/v1) "
                                "and LanguageTool's HTTP API (/v2). Send `Authorization: Bearer TOKEN` when the "
                                "server was started with --token."},
        "paths": {
            "/v1/check": {"post": {
                "summary": "Check one story: the `checker lint --format json` report plus the gate's verdict",
                "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CheckRequest"}}}},
                "responses": {"200": {"description": "The report", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}}}},
                              "400": ERROR, "401": ERROR, "413": ERROR, "503": ERROR},
            }},
            "/v1/rules": {"get": {"summary": "The rules in force, then those off by default (`enabled: false`; `enable` turns them on)",
                                  "responses": {"200": {"description": "{rules: [{id, kind, severity, issue_type, category, description, enabled}]}"}}}},
            "/healthz": {"get": {"summary": "Liveness: status, version, number of rules, worker pid", "responses": {"200": {"description": "ok"}}}},
            "/v2/check": {"post": {
                "summary": "LanguageTool-compatible check (offsets in UTF-16 code units)",
                "requestBody": {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": LT_FORM}}},
                "responses": {"200": {"description": "LanguageTool's response: software, language, matches[]"},
                              "400": {"description": "Error: ... (plain text, as LanguageTool answers)"}},
            }},
            "/v2/languages": {"get": {"summary": "LanguageTool-compatible language list (English variants)",
                                      "responses": {"200": {"description": "[{name, code, longCode}]"}}}},
            "/": {"get": {"summary": "The editors' page", "responses": {"200": {"description": "HTML"}}}},
        },
        "components": {"schemas": {
            "CheckRequest": {
                "type": "object", "additionalProperties": False, "required": ["text"],
                "properties": {
                    "text": {"type": "string", "description": "The story"},
                    "source": {"type": "string", "description": "The Chinese original, held against the copy as `checker lint --source` does"},
                    "path": {"type": "string", "description": "A label for the report; never opened"},
                    "select": {"oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]},
                    "ignore": {"oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]},
                    "enable": {"oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}],
                               "description": "Rules off by default to run too, as `checker lint --enable`"},
                    "fail_on": {"enum": ["error", "warning", "info", "never"]},
                    "format": {"enum": list(FORMATS), "description": "How to read the story, as `checker lint --input-format` (auto: by the path label and content)"},
                },
            },
            "Gate": {"type": "object", "required": ["fail_on", "fails", "exit_code"], "properties": {
                "fail_on": {"type": "string"}, "fails": {"type": "boolean"},
                "exit_code": {"type": "integer", "description": "What `checker lint` would exit with: 0 or 1"}}},
            "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
            "Report": report,
        }},
    }
