"""The knowledge base: curated, multilingual answers about local services for newcomers.

One YAML file per entry under `knowledge_base/entries/` (reviewable in git; `entry.py` reads and
writes them), checks of the whole base (`validation.py`), the database behind the editor pages
(`store.py`) and the search over it (`retrieval.py`).
"""
