"""The font of coordina's PDFs (certificates of coverage, drafts): DejaVu Sans, shipped with
matplotlib (Latin, Greek and Cyrillic scripts), else fpdf2's core Helvetica."""

import importlib.util
from pathlib import Path

from fpdf import FPDF


def add_text_font(pdf: FPDF) -> str:
    """Register DejaVu Sans (regular and bold) on ``pdf`` and return its family name, else Helvetica."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is not None and spec.origin is not None:
        fonts = Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"
        if (fonts / "DejaVuSans.ttf").exists() and (fonts / "DejaVuSans-Bold.ttf").exists():
            pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
            pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
            return "DejaVu"
    return "Helvetica"
