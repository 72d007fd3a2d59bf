"""A real, verified BibTeX entry (as in bibliography/general.bib) shared by fixture tests.

Twelve lines long; tests that assert bibliography line numbers rely on that.
"""

TRAINEAU = """@article{traineau2020treatment,
  author  = {Traineau, H{\\'e}l{\\`e}ne and Aggarwal, Rohit and Monfort, Jean-Beno{\\^i}t and Senet, Patricia},
  title   = {Treatment of calcinosis cutis in systemic sclerosis and dermatomyositis: a review of the literature},
  journal = {Journal of the American Academy of Dermatology},
  year    = {2020},
  volume  = {82},
  number  = {2},
  pages   = {317--325},
  doi     = {10.1016/j.jaad.2019.07.006},
  pmid    = {31302187},
}
"""

# A StatPearls chapter identified by its NCBI Bookshelf address (no PMID).
LIMAIEM = """@incollection{limaiem2023osteoma,
  author    = {Limaiem, F. and Sergent, Shane R.},
  title     = {Osteoma Cutis},
  booktitle = {StatPearls},
  publisher = {StatPearls Publishing},
  year      = {2023},
  url       = {https://www.ncbi.nlm.nih.gov/books/NBK559216/},
  urldate   = {2026-11-21},
}
"""
