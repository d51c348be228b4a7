"""Offline machine translation with Argos Translate packages (CTranslate2 + SentencePiece).

    from translation import get_translator
    result = get_translator().translate("...", "ar", "de", names=["Ahmad"])
    result.text, result.translated, result.model, result.reason

Packages are installed with `lotse models install PATH_OR_URL` (see installer.py) and read
from `LOTSE_TRANSLATION_DIR` (default `<var>/translation-packages`) and argospm's directory.
"""

from translation.cache import TranslationCache
from translation.glossary import Glossary, Term, load_glossary
from translation.index import IndexEntry, fetch_index, install_pair
from translation.installer import InstallError, install
from translation.packages import (
    Package,
    PackageError,
    active_packages,
    argos_packages_dir,
    default_package_dirs,
    installed_packages,
    project_packages_dir,
)
from translation.sentences import split_sentences
from translation.translator import Translation, Translator, get_translator

__all__ = [
    "Glossary",
    "IndexEntry",
    "InstallError",
    "Package",
    "PackageError",
    "Term",
    "Translation",
    "TranslationCache",
    "Translator",
    "active_packages",
    "argos_packages_dir",
    "default_package_dirs",
    "fetch_index",
    "get_translator",
    "install",
    "install_pair",
    "installed_packages",
    "load_glossary",
    "project_packages_dir",
    "split_sentences",
]
