"""Demo material made with the bundled ffmpeg: ``synth`` makes clips like phones send (for the demo, the
tests and the benchmarks), ``data`` writes the demo inbox that ``--demo`` and ``python -m
moderator_app.demo FOLDER`` open. The benchmarks' bulk inbox lives in ``benchmarks/bulk_inbox.py``."""
