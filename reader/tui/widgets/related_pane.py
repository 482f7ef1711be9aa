"""Other coverage of the story: related articles with the reason they are related."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


def related_reason(item: Any) -> str:
    """A short human reason for a related article."""
    reason = str(getattr(item, "reason", "") or "")
    if not reason:
        shared = list(getattr(item, "shared_entities", []) or [])
        reason = f"shares {', '.join(shared[:4])}" if shared else "similar wording"
    if getattr(item, "duplicate", False):
        reason = f"duplicate · {reason}"
    return " ".join(reason.split())


class RelatedOption(Option):
    """One related article (title, date/source, reason)."""

    def __init__(self, item: Any) -> None:
        summary = item.summary
        prompt = Text.assemble((" ".join(summary.title.split()) or "(untitled)", "bold"))
        meta = " · ".join(x for x in (summary.date, summary.source) if x)
        prompt.append(f"\n{meta}" if meta else "", "dim")
        prompt.append(f"\n{related_reason(item)}", "italic")
        super().__init__(prompt, id=f"related-{summary.id}")
        self.article_id: str = summary.id
        """Id of the related article."""


class RelatedPane(OptionList):
    """Related articles; choosing one opens it."""

    @dataclass
    class ArticleChosen(Message):
        """A related article was chosen."""

        pane: RelatedPane
        article_id: str

        @property
        def control(self) -> RelatedPane:
            """The pane that sent this message."""
            return self.pane

    def show_related(self, items: list[Any], note: str | None = None) -> None:
        """Show related articles (or a note when there are none)."""
        self.clear_options()
        options: list[Option | None] = []
        for item in items:
            options.extend([RelatedOption(item), None])
        if options:
            options.pop()
        self.add_options(options)
        if items:
            self.highlighted = 0
        else:
            self.add_option(
                Option(Text(note or "No related articles.", "dim italic"), disabled=True)
            )

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option, RelatedOption):
            self.post_message(self.ArticleChosen(self, event.option.article_id))
