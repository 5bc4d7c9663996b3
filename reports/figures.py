"""A figure: the numbers behind one chart, their table, their text alternative and their CSV."""

import csv
import io
from dataclasses import dataclass, field

from kooperationsraum.exports import csv_text_safe


@dataclass
class Figure:
    key: str
    title: str
    columns: list[str]  # first column names the rows; the others hold numbers
    rows: list[list] = field(default_factory=list)
    chart: str = "bar"  # bar | line | none
    note: str = ""

    @property
    def total(self) -> int:
        return sum(sum(v for v in row[1:] if isinstance(v, int | float)) for row in self.rows)

    @property
    def series(self) -> list[str]:
        return self.columns[1:]

    @property
    def summary(self) -> str:
        """The text alternative: every key figure in one sentence, so nothing rests on the picture."""
        if not self.rows:
            return f"{self.title}: –"
        parts = []
        for row in self.rows:
            values = ", ".join(f"{name} {value}" for name, value in zip(self.series, row[1:], strict=False))
            parts.append(f"{row[0]}: {values}" if len(self.series) > 1 else f"{row[0]}: {row[1]}")
        return f"{self.title}. " + "; ".join(parts) + "."

    def csv_text(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow([csv_text_safe(name) for name in self.columns])
        writer.writerows([csv_text_safe(cell) for cell in row] for row in self.rows)
        return buffer.getvalue()


def all_figures_csv(figures: list[Figure]) -> str:
    """Every figure in one table, long form: figure, row, series, value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["Grafik", "Zeile", "Reihe", "Wert"])
    for figure in figures:
        for row in figure.rows:
            for series, value in zip(figure.series, row[1:], strict=False):
                writer.writerow([csv_text_safe(cell) for cell in (figure.title, row[0], series, value)])
    return buffer.getvalue()


def counted(choices, counts: dict, *, keep_empty: bool = True) -> list[list]:
    """Rows in the order of a TextChoices, with the counts of `counts` (zero where missing)."""
    rows = [[str(label), counts.get(value, 0)] for value, label in choices]
    return rows if keep_empty else [row for row in rows if row[1]]
