"""Which kinds of export exist: each app declares its builders in BUILDERS of its own
`export_builders` module (a dict kind → common.xlsx.ExportBuilder for an Excel workbook, or
common.file_export.FileBuilder for another file, e.g. a zip of documents). The exports app finds
them at start-up (ExportsConfig.ready), so no app below exports imports it (DESIGN §3)."""

from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule

from common.file_export import FileBuilder
from common.xlsx import ExportBuilder

MODULE = "export_builders"
Builder = ExportBuilder | FileBuilder
_builders: dict[str, Builder] = {}


def register_builder(kind: str, builder: Builder) -> None:
    """Two apps claiming one kind is a wiring mistake: fail at start-up, not at export time."""
    known = _builders.get(kind)
    if known is not None and known is not builder:
        raise ValueError(f"Two export builders for {kind!r}")
    _builders[kind] = builder


def discover() -> None:
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, MODULE):
            module = import_module(f"{config.name}.{MODULE}")
            for kind, builder in module.BUILDERS.items():
                register_builder(kind, builder)


def builder(kind: str) -> Builder | None:
    return _builders.get(kind)


def is_file(builder) -> bool:
    """A builder of a file other than an Excel workbook (common.file_export)."""
    return isinstance(builder, FileBuilder)
