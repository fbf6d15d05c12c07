"""Which kinds of export exist: each app declares its builders in BUILDERS of its own
`export_builders` module (a dict kind → common.xlsx.ExportBuilder). The exports app finds
them at start-up (ExportsConfig.ready), so no app below exports imports it (DESIGN §3)."""

from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule

from common.xlsx import ExportBuilder

MODULE = "export_builders"
_builders: dict[str, ExportBuilder] = {}


def register_builder(kind: str, builder: ExportBuilder) -> None:
    """Two apps claiming one kind is a wiring mistake: fail at start-up, not at export time."""
    known = _builders.get(kind)
    if known is not None and known is not builder:
        raise ValueError(f"Two Excel export builders for {kind!r}")
    _builders[kind] = builder


def discover() -> None:
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, MODULE):
            module = import_module(f"{config.name}.{MODULE}")
            for kind, builder in module.BUILDERS.items():
                register_builder(kind, builder)


def builder(kind: str) -> ExportBuilder | None:
    return _builders.get(kind)
