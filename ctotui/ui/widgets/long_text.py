"""A long text field (an achievement's body, a drill answer, a reflection, a conversation's
notes) that can be written in the user's own editor: ctrl+e.

ctrl+e hands the terminal to ``$VISUAL`` or ``$EDITOR`` (Textual's ``App.suspend()``) on the
field's text in a private temporary file (core/editor.py, the same choice of editor as the
command line's ``ctotui add -e``), and brings what was saved back into the field as one edit:
the form sees it as typed (its draft is kept, ctrl+z undoes it) and nothing is saved until the
user saves. Controls are cleaned as stored text is (``clean_block``: newlines and tabs stay).

Where the terminal cannot be handed over (Textual raises ``SuspendNotSupported``: a headless
run, a web terminal) a notice says so; with no editor set, a notice names the variables; an
editor that fails leaves the text as it was, and a notice says so.

ctrl+e replaces TextArea's own ctrl+e (end of line), which ``end`` still does.
"""

from __future__ import annotations

from textual.app import SuspendNotSupported
from textual.binding import Binding
from textual.widgets import TextArea

from ctotui.core.editor import EditorError, NoEditor, edit_text, editor_command
from ctotui.core.text import clean_block
from ctotui.ui.guard import sentence

EDITOR_KEY = "ctrl+e"
CANNOT_SUSPEND = (
    "This terminal cannot be handed to an editor from the app (Textual cannot suspend here); "
    "type in the field, or use `ctotui add -e` / `ctotui edit ID -e`."
)


class LongText(TextArea):
    """TextArea whose text can be written in $VISUAL / $EDITOR (ctrl+e)."""

    BINDINGS = [
        Binding(
            EDITOR_KEY,
            "write_in_editor",
            "Editor",
            tooltip="Write this text in $VISUAL or $EDITOR; it comes back here (save as usual)",
        ),
    ]

    TYPES_FORMAT_CHARACTERS = True  # a joiner typed here comes as a paste (ui/widgets/format_keys.py)
    EDITOR_SUFFIX = ".md"  # the temporary file's name ends so: editors colour Markdown
    EDITOR_HINT = "ctrl+e editor"  # on the field's border while it has focus (a form's dialog has no footer)

    def on_focus(self) -> None:
        self.border_subtitle = self.EDITOR_HINT

    def on_blur(self) -> None:
        self.border_subtitle = None

    def action_write_in_editor(self) -> None:
        if self.read_only:
            return
        try:
            command = editor_command()
        except NoEditor:
            self.notify(
                "No editor is set: set $VISUAL or $EDITOR (for example `export EDITOR=nano` in your shell's "
                "profile), then start ctotui again.",
                title="No editor",
                severity="warning",
                markup=False,
            )
            return
        except EditorError as exc:
            self.notify(sentence(str(exc)), title="No editor", severity="warning", markup=False)
            return
        try:
            with self.app.suspend():
                self.write_in_editor(command)
        except SuspendNotSupported:
            self.notify(CANNOT_SUSPEND, title="No editor here", severity="warning", markup=False)

    def write_in_editor(self, command: list[str]) -> bool:
        """Run ``command`` on the field's text and bring back what it saved, as one edit.

        This is what ctrl+e runs while the app is suspended; it needs no suspension itself
        when the editor needs no terminal (a script: the tests run it so). False when the
        editor failed: the text is as it was, and a notice says so."""
        before = self.text
        try:
            saved = edit_text(before, command, suffix=self.EDITOR_SUFFIX)
        except EditorError as exc:
            self.notify(
                f"{sentence(str(exc))} The text is as it was.",
                title="Editor",
                severity="warning",
                markup=False,
            )
            return False
        after = clean_block(saved)
        if after != before:
            self.replace(after, (0, 0), self.document.end)  # one edit: Changed is posted, ctrl+z undoes it
            self.move_cursor(self.document.end)
        self.focus()
        return True
