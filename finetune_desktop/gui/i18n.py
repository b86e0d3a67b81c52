"""Which language the GUI speaks, and the Qt translators that make it so.

The choice ("system", "en" or "zh_CN") is a non-secret UI setting in ``ui.ini``; the environment
variable ``FINETUNE_DESKTOP_LANG`` overrides it (screenshots, tests). Translators are installed once at
start-up, before any widget exists: widgets do not retranslate themselves, so a new choice applies after
a restart. The app's ``.qm`` files live in ``resources/i18n``; Qt's own (standard buttons, file dialogs)
come from PySide6's translations folder.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from finetune_desktop.core.paths import resources_dir

log = logging.getLogger(__name__)

LANGUAGE_KEY = "ui/language"
LANGUAGE_ENV = "FINETUNE_DESKTOP_LANG"
SYSTEM = "system"
ENGLISH = "en"
CHINESE = "zh_CN"
#: The languages the GUI is translated into (English is the source language).
LANGUAGES = (ENGLISH, CHINESE)
#: Each language's name in that language: a user who cannot read the current one still finds theirs.
NATIVE_NAMES = {ENGLISH: "English", CHINESE: "简体中文"}
CATALOG = "finetune_desktop"

_PLURAL = re.compile(r"\((e?s)\)")
_installed: list[QTranslator] = []
_current = ENGLISH
_default_locale: QLocale | None = None


class EnglishPlurals(QTranslator):
    """Source strings use Qt's "%n item(s)" plural style; without a translation Qt shows "(s)" as is.
    This English fallback picks "item" or "items" by ``n``. It is installed once, before any catalog,
    and stays: Qt asks the last installed translator first, so real catalogs always win over it."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if n < 0 or not _PLURAL.search(source):
            return None
        return _PLURAL.sub("" if n == 1 else r"\1", source)


def ensure_english_plurals() -> None:
    """Install the :class:`EnglishPlurals` fallback unless it is already there."""
    app = QCoreApplication.instance()
    if app is not None and not app.findChild(EnglishPlurals):
        app.installTranslator(EnglishPlurals(app))


def translations_dir() -> Path:
    return resources_dir() / "i18n"


def qm_path(language: str) -> Path:
    return translations_dir() / f"{CATALOG}_{language}.qm"


def normalize(code: str | None) -> str | None:
    """Map "zh-CN", "zh_Hans" or "zh" to "zh_CN", "en_US" to "en", "system" to itself; unknown -> None."""
    if not code:
        return None
    value = code.strip().replace("-", "_").lower()
    if value in ("system", "default", ""):
        return SYSTEM
    if value.startswith("zh"):
        return CHINESE if not re.match(r"zh_(hant|tw|hk|mo)", value) else None
    if value.startswith("en"):
        return ENGLISH
    return None


def language_for_locale(locale: QLocale) -> str:
    """Simplified Chinese for a Chinese locale that is not written in Traditional script, else English.

    Traditional-script locales get English rather than a guess; there is no zh_TW catalog yet.
    """
    if locale.language() != QLocale.Language.Chinese:
        return ENGLISH
    if locale.script() == QLocale.Script.TraditionalChineseScript:
        return ENGLISH
    return CHINESE


def saved_choice(settings: QSettings) -> str:
    """The choice stored in the UI settings: ``"system"``, ``"en"`` or ``"zh_CN"``."""
    return normalize(str(settings.value(LANGUAGE_KEY, SYSTEM))) or SYSTEM


def save_choice(settings: QSettings, choice: str) -> None:
    settings.setValue(LANGUAGE_KEY, normalize(choice) or SYSTEM)
    settings.sync()


def env_override() -> str | None:
    raw = os.environ.get(LANGUAGE_ENV)
    value = normalize(raw)
    if raw and value is None:
        log.warning("%s=%r is not a language this app has; ignored", LANGUAGE_ENV, raw)
    return value


def resolve(choice: str | None = None, settings: QSettings | None = None) -> str:
    """The language to use: ``choice`` if given, else the environment override, else the saved
    choice; "system" follows ``QLocale.system()``."""
    if choice is None:
        choice = env_override()
    if choice is None and settings is not None:
        choice = saved_choice(settings)
    value = normalize(choice) or SYSTEM
    return language_for_locale(QLocale.system()) if value == SYSTEM else value


def current_language() -> str:
    """The language the translators were installed for (what this session shows)."""
    return _current


def _load(translator: QTranslator, path: Path) -> bool:
    if translator.load(str(path)):
        return True
    log.warning("translation file %s could not be loaded", path)
    return False


def remove_translators() -> None:
    """Uninstall the catalogs :func:`apply_language` installed and restore the default locale (the
    English plural fallback stays)."""
    global _current
    app = QCoreApplication.instance()
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)
        translator.deleteLater()
    if _default_locale is not None:
        QLocale.setDefault(_default_locale)
    _current = ENGLISH


def apply_language(language: str | None = None, settings: QSettings | None = None) -> str:
    """Install the translators for ``language`` (or :func:`resolve`'s answer); returns the language.

    Call before building widgets. Installs, in this order (Qt asks the last one first): the English
    plural fallback (if not yet there), Qt's own catalog, the app's catalog. Calling again replaces
    the previous catalogs.
    """
    global _current, _default_locale
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("apply_language needs a QApplication")
    if settings is None and language is None:
        from finetune_desktop.gui.context import AppContext

        settings = AppContext.ui_settings()
    lang = resolve(language, settings)
    remove_translators()
    if _default_locale is None:
        _default_locale = QLocale()
    ensure_english_plurals()
    if lang != ENGLISH:
        qt = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if _load(qt, Path(qt_dir) / f"qtbase_{lang}.qm"):
            app.installTranslator(qt)
            _installed.append(qt)
        ours = QTranslator(app)
        if _load(ours, qm_path(lang)):
            app.installTranslator(ours)
            _installed.append(ours)
        else:
            lang = ENGLISH
    if lang == CHINESE:
        QLocale.setDefault(QLocale("zh_CN"))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.system().territory()))
    _current = lang
    log.info("GUI language: %s", lang)
    return lang
