"""The words amendments are written in, each list declared once.

The instruction reader builds its tokens from these tables (:mod:`compositing.reader`), the text
model reads labels with the nouns rule books print (:mod:`compositing.text`), and the writer
(:mod:`compositing.describe`) and the error messages name parts of a text with the same nouns.
A word added here is understood in every combination the grammar allows.
"""

from __future__ import annotations

__all__ = [
    "ACTIONS",
    "ANNEX_NOUNS",
    "AUXILIARIES",
    "BEFORE_TEXT",
    "IN_ITS_PLACE",
    "CONTENT_INTRODUCERS",
    "COUNTS",
    "DOCUMENT_NOUNS",
    "EVERY_PHRASES",
    "KEEP_NUMBERS",
    "LABEL_NOUNS",
    "MOVER_WORDS",
    "NAMED_PUNCTUATION",
    "NEW_TEXT_LABELS",
    "NOMINAL_ACTIONS",
    "ORDINALS",
    "POSITIONS",
    "PREAMBLES",
    "REASON_OPENERS",
    "RENUMBER_WORDS",
    "UNIT_NOUNS",
    "ordinal_word",
    "plural",
]

# Nouns that rule books print before their labels ("Rule C.4", "ARTICLE 3", "SO 9.1").
LABEL_NOUNS = (
    "Rule", "Clause", "Sub-clause", "Subclause", "Article", "Section", "Sub-section",
    "Subsection", "Standing Order", "SO", "Chapter", "Part", "Schedule", "Paragraph", "Bylaw",
    "By-law", "Regulation", "Appendix", "Annex", "Annexe",
)  # fmt: skip

# Parts printed after the body of a rule book, each standing on its own: a schedule after the
# last article is not part of that article.
ANNEX_NOUNS = ("schedule", "appendix")

# Nouns an instruction names parts of a text with, by the noun the engine uses for them.
UNIT_NOUNS: dict[str, tuple[str, ...]] = {
    "paragraph": ("paragraph", "paragraphs", "para", "paras", "para.", "paragraph.", "par."),
    "sub-paragraph": ("sub-paragraph", "sub-paragraphs", "subparagraph", "subparagraphs"),
    "sentence": ("sentence", "sentences"),
    "line": ("line", "lines"),
    "point": ("point", "points"),
    "bullet point": (
        "bullet point", "bullet points", "bullet-point", "bullet-points", "bulletpoint",
        "bullet", "bullets", "list bullet", "list bullets",
    ),
    "item": (
        "item", "items", "list item", "list items", "list entry", "list entries", "entry",
        "entries", "requirement", "requirements", "condition", "conditions", "criterion",
        "criteria",
    ),
    "clause": ("clause", "clauses", "sub-clause", "sub-clauses", "subclause", "subclauses"),
    "rule": ("rule", "rules", "sub-rule", "sub-rules"),
    "section": ("section", "sections", "subsection", "subsections", "sub-section", "sub-sections"),
    "article": ("article", "articles"),
    "standing order": ("standing order", "standing orders", "so", "s.o.", "sos"),
    "chapter": ("chapter", "chapters"),
    "part": ("part", "parts"),
    "schedule": ("schedule", "schedules"),
    "bylaw": ("bylaw", "bylaws", "by-law", "by-laws"),
    "regulation": ("regulation", "regulations"),
    "appendix": ("appendix", "appendices", "annex", "annexe"),
    "heading": ("heading", "headings", "title", "sub-heading", "subheading"),
    "definition": ("definition", "definitions"),
    "list": ("list", "lists"),
    "words": ("word", "words", "phrase", "phrases", "passage", "wording", "text"),
    "reference": (
        "reference", "references", "mention", "mentions", "instance", "instances",
        "occurrence", "occurrences",
    ),
}  # fmt: skip

# "the motion", "the articles of association": the whole text (or the document it is from).
DOCUMENT_NOUNS = (
    "motion", "text", "document", "constitution", "rules", "rule book", "rulebook",
    "standing orders", "articles", "articles of association", "bylaws", "by-laws",
    "resolution", "composite", "policy", "paper", "ruleset", "regulations",
)  # fmt: skip

# Actions: each verb with the change it makes and its forms (imperative, -ing, participle).
# "append" adds at the end of its target; "change" takes the new words after "to";
# "substitute" the old ones after "for"; "amend" names the part its changes act on.
ACTIONS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "delete": ("delete", ("delete",), ("deleting",), ("deleted",)),
    "leave out": ("delete", ("leave out",), ("leaving out",), ("left out",)),
    "remove": ("delete", ("remove",), ("removing",), ("removed",)),
    "omit": ("delete", ("omit",), ("omitting",), ("omitted",)),
    "strike": (
        "delete", ("strike out", "strike"), ("striking out", "striking"),
        ("struck out", "struck", "stricken"),
    ),
    "eliminate": ("delete", ("eliminate",), ("eliminating",), ("eliminated",)),
    "take out": ("delete", ("take out",), ("taking out",), ("taken out",)),
    "cut": ("delete", ("cut",), ("cutting",), ("cut",)),
    "excise": ("delete", ("excise",), ("excising",), ("excised",)),
    "insert": ("insert", ("insert",), ("inserting",), ("inserted",)),
    "add": ("add", ("add",), ("adding",), ("added",)),
    "include": ("insert", ("include",), ("including",), ("included",)),
    "put": ("insert", ("put",), ("putting",), ()),
    "append": ("append", ("append",), ("appending",), ("appended",)),
    "replace": ("replace", ("replace",), ("replacing",), ("replaced",)),
    "substitute": ("substitute", ("substitute",), ("substituting",), ("substituted",)),
    "change": ("change", ("change",), ("changing",), ("changed",)),
    "alter": ("change", ("alter",), ("altering",), ("altered",)),
    "modify": ("change", ("modify",), ("modifying",), ("modified",)),
    "amend": ("amend", ("amend",), ("amending",), ("amended",)),
    "restate": ("restate", ("restate",), ("restating",), ("restated",)),
    "reword": ("restate", ("reword",), ("rewording",), ("reworded",)),
    "rewrite": ("restate", ("rewrite",), ("rewriting",), ("rewritten",)),
    "move": ("move", ("move",), ("moving",), ("moved",)),
    "transfer": ("move", ("transfer",), ("transferring",), ("transferred",)),
    "renumber": (
        "renumber", ("renumber", "re-number", "reletter", "re-letter"),
        ("renumbering", "re-numbering", "relettering", "re-lettering"),
        ("renumbered", "re-numbered", "relettered", "re-lettered"),
    ),
}  # fmt: skip

# Nouns that name an action: "the deletion of", "Proposed change to clause 4:".
NOMINAL_ACTIONS: dict[str, str] = {
    "deletion": "delete", "removal": "delete", "omission": "delete",
    "insertion": "insert", "addition": "add", "additions": "add",
    "replacement": "replace", "substitution": "substitute",
    "change": "change", "changes": "change", "modification": "change",
    "modifications": "change", "alteration": "change", "alterations": "change",
    "amendment": "amend", "amendments": "amend", "restatement": "restate",
}  # fmt: skip

# Words that make a participle passive or future: "be deleted", "will be removed".
AUXILIARIES = (
    "be", "is", "are", "was", "were", "will", "shall", "should", "must", "would", "to be",
    "being", "been", "is to be", "are to be", "hereby", "also",
)  # fmt: skip

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20,
    "last": -1, "final": -1, "closing": -1, "penultimate": -2, "second last": -2,
    "second-last": -2, "last but one": -2, "next to last": -2, "next-to-last": -2,
    "third last": -3, "sole": 0, "only": 0, "opening": 1,
}  # fmt: skip

COUNTS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "both": 2,
}  # fmt: skip

# Where new words go: the position each phrase names.
POSITIONS: dict[str, str] = {
    "after": "after", "following": "after", "immediately after": "after",
    "directly after": "after", "just after": "after", "immediately following": "after",
    "below": "after", "before": "before", "immediately before": "before",
    "directly before": "before", "just before": "before", "preceding": "before",
    "immediately preceding": "before", "above": "before", "ahead of": "before",
    "prior to": "before",
    "to follow": "after", "so that it follows": "after", "so it follows": "after",
    "to come after": "after", "so that it comes after": "after", "to precede": "before",
    "so that it precedes": "before", "to come before": "before",
    "so that it comes before": "before",
    "at the end of": "end", "at end of": "end", "to the end of": "end", "to end of": "end",
    "at the close of": "end",
    "at the end": "end", "at end": "end", "to the end": "end", "to end": "end",
    "at the start of": "start", "at the beginning of": "start", "at start of": "start",
    "at beginning of": "start", "at the start": "start", "at the beginning": "start",
    "in place of": "place", "instead of": "place", "in lieu of": "place",
    "between": "between",
}  # fmt: skip

# Positions (in place of what was just named) that take no words after them: in "the
# addition in its place of 'year'" the quoted words are the new ones, never the place.
IN_ITS_PLACE = ("in its place", "in their place", "instead")

# Phrases after which the new text follows ("to read:", "reading", "as follows").
CONTENT_INTRODUCERS = (
    "to read", "so it reads", "so that it reads", "so they read", "so that they read",
    "so as to read", "so it will read", "which reads", "which read", "that reads", "reading",
    "to say", "which says", "so it says", "as follows", "which reads as follows",
    "to read as follows", "to give", "will read", "shall read", "should read", "would read",
    "will now read", "shall now read", "to now read", "with the following", "the following",
    "to become", "shall become", "will become", "should become", "becomes", "become",
    "is to become", "are to become",
)  # fmt: skip

# Phrases that give the words as they stand before the change ("This clause currently reads").
BEFORE_TEXT = (
    "currently reads", "presently reads", "now reads", "at present reads", "currently says",
    "presently says", "now says", "at present says", "currently states", "presently states",
    "now states", "currently provides", "presently provides", "which currently reads",
    "currently reads as follows", "states", "reads",
)  # fmt: skip

# Labels that set out the new words in a before-and-after amendment ("New text: '...'"; the
# words before are "Old text:", read as a current unit's words).
NEW_TEXT_LABELS = tuple(
    f"{adjective} {noun}"
    for adjective in ("new", "proposed", "replacement", "amended", "revised", "substitute")
    for noun in ("text", "wording", "words", "version")
) + ("text as amended", "wording as amended")

# Every place the words appear.
EVERY_PHRASES = (
    "wherever it appears", "wherever they appear", "wherever it occurs", "wherever they occur",
    "wherever this appears", "wherever these appear", "each time it appears",
    "each time they appear", "every time it appears", "in all places", "everywhere",
    "in each place", "throughout",
)  # fmt: skip

RENUMBER_WORDS = ("accordingly", "consequentially", "as necessary", "as appropriate")
# The numbers of the other points stay as printed ("without renumbering").
KEEP_NUMBERS = (
    "without renumbering", "do not renumber", "no renumbering", "keeping the numbering",
    "keep the numbering", "leaving the numbering unchanged", "the numbering is unchanged",
    "numbers unchanged", "without relettering", "do not reletter",
)  # fmt: skip

# Punctuation an instruction names in words: "insert full stop after 'Congress'".
NAMED_PUNCTUATION: dict[str, str] = {
    "full stop": ".", "full-stop": ".", "fullstop": ".", "period": ".", "comma": ",",
    "semicolon": ";", "semi-colon": ";", "colon": ":", "question mark": "?",
    "exclamation mark": "!", "hyphen": "-", "dash": "–",
}  # fmt: skip

# Words that open the wording around the instructions, never an instruction.
MOVER_WORDS = (
    "proposed by", "moved by", "seconded by", "submitted by", "supported by", "mover",
    "seconder", "author", "authors", "proposer", "proposers", "movers", "signed",
    "signatories", "contact", "on behalf of",
)  # fmt: skip
REASON_OPENERS = (
    "reason", "reasons", "rationale", "explanation", "note", "notes", "background",
    "purpose", "effect", "supporting statement", "commentary", "context", "justification",
    "summary", "intent", "comment", "comments",
)  # fmt: skip
# Words a submitter puts before the instructions: "Conference therefore agrees to ...".
PREAMBLES = (
    "conference therefore agrees to", "conference agrees to", "conference resolves to",
    "conference therefore resolves to", "conference is asked to", "we propose to",
    "it is proposed to", "be it resolved that", "be it further resolved that",
    "resolved that", "therefore", "we therefore propose to", "propose to", "that we",
    "the congress agrees to", "congress agrees to", "the meeting agrees to", "to",
)  # fmt: skip


_ORDINAL_NAMES: dict[int, str] = {}
for _name, _value in ORDINALS.items():
    if 0 < _value <= 20:
        _ORDINAL_NAMES.setdefault(_value, _name)


def ordinal_word(value: int) -> str:
    """ "second" for 2, "last" for -1, "penultimate" for -2, "22nd" beyond the words."""
    if value == -1:
        return "last"
    if value == -2:
        return "penultimate"
    if value in _ORDINAL_NAMES:
        return _ORDINAL_NAMES[value]
    if value < 0:
        return f"{ordinal_word(-value)} from last"
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def plural(noun: str, count: int = 2) -> str:
    if count == 1:
        return noun
    if noun.endswith("y") and not noun.endswith("ey"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x")):
        return noun + "es"
    return noun + "s"
