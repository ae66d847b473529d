"""The tokens of an amendment instruction, built from the word lists of :mod:`vocabulary`.

The reader's grammar (:mod:`compositing.reader`) is written over these tokens, not over
letters: each phrase of the vocabulary ("leave out", "at the end of", "so that it reads",
"wherever it appears") is one token whose type says what it does and whose value says which
one it is. Quotations and notes arrive already masked by :mod:`compositing.layout` (``Q`` and
``NOTE`` tokens). Words the vocabulary does not know are merged into runs (``WORDS``): unquoted
words to find, titles, the names of documents.

A few decisions need the neighbouring tokens, and are made here so that the grammar stays
LALR(1): "and", "," or ";" before a new clause is ``CONJ``; a participle after "be" is ``PART``;
"change" after "the" or "proposed" is a noun; a single letter after a noun is a label ("Rule
C"); a comma in a list of labels is ``LCOMMA``; words in brackets after a label are its
``TITLE``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from compositing import vocabulary as v
from compositing.text import roman_value

__all__ = ["QUOTE_CLOSE", "QUOTE_OPEN", "NOTE_CLOSE", "NOTE_OPEN", "Token", "tokenize"]

# Masks for quotations and notes: private-use characters, which the layout pass removes from
# what people type, so no typed text can pose as one.
QUOTE_OPEN, QUOTE_CLOSE = "\ue000", "\ue001"
NOTE_OPEN, NOTE_CLOSE = "\ue002", "\ue003"


class Token(NamedTuple):
    type: str
    value: str
    start: int
    end: int


_SCAN = re.compile(
    r"""
    (?P<q>\ue000\d+\ue001)
  | (?P<note>\ue002\d+\ue003)
  | (?P<label>
        (?<![\w.])\d+(?:\.\d+)*(?:\((?:\d{1,3}|[a-zA-Z]|[ivxlc]{1,6})\))+(?:[ivx]{1,4}\b)?
      | (?<![\w.])[A-Z](?:\.|\ (?=\d+\.\d))?\d++(?:\.\d++)*+
        (?:\((?:\d{1,3}|[a-zA-Z]|[ivxlc]{1,6})\))*+(?![\w])
      | (?<![\w.])\d+(?:\.\d+)+
      | (?<![\w.])\d+[A-Za-z]\b(?!\.\d)
      | (?<![\w])\((?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})\)
      | (?<![\w(])(?:\d{1,3}|[a-zA-Z]|[ivxlc]{1,6})\)
    )
  | (?P<number>(?<![\w.])\d+(?:st|nd|rd|th)?\b)
  | (?P<word>[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z])
  | (?P<punct>[,;:()\[\]&]|[–—-]|\.{3}|…|\.|[^\s\w])
    """,
    re.VERBOSE,
)
_ORDINAL_NUMBER = re.compile(r"^(\d+)(?:st|nd|rd|th)$")

_DROPPED = frozenset(
    (
        "the", "a", "an", "its", "their", "it", "them", "which", "that", "who", "please",
        "hereby", "respectively", "entirely", "wholly", "so", "as", "proposed", "suggested",
        "recommended", "also", "just", "simply", "then", "words", "there", "being", "whole",
    )
)  # fmt: skip
# Words a run of unknown words may carry inside it ("Articles of Association", "AGM or EGM").
_MINOR = frozenset(("of", "and", "or", "the", "a", "an", "for", "in", "on", "to", "at", "with"))
_PREPOSITIONS = {
    "in": "IN", "within": "IN", "inside": "IN", "of": "OF", "from": "FROM", "to": "TO",
    "into": "TO", "onto": "TO", "with": "WITH", "by": "BY", "for": "FOR", "at": "AT",
    "on": "AT", "under": "IN",
}  # fmt: skip
_NOUN_TYPES = {
    "sentence": "SENTENCE", "line": "LINE", "words": "WORDSN", "list": "LISTN",
    "definition": "DEFN", "reference": "REFS",
}  # fmt: skip
# Words before "change" or "amendment" that make them nouns ("the change to clause 4").
_NOUN_MAKERS = frozenset(
    ("the", "a", "an", "this", "that", "proposed", "following", "first", "second", "third",
     "each", "further", "suggested", "one", "my", "our", "following", "these")
)  # fmt: skip


def _phrase_table() -> dict[tuple[str, ...], tuple[str, str]]:
    table: dict[tuple[str, ...], tuple[str, str]] = {}

    def put(phrase: str, kind: str, value: str = "") -> None:
        table.setdefault(tuple(phrase.lower().split()), (kind, value or phrase.lower()))

    for kind, bases, ings, participles in v.ACTIONS.values():
        for form in bases + ings:
            put(form, "AMEND" if kind == "amend" else "VERB", f"{kind}|{form}")
        for form in participles:
            put(form, "PART", "change" if kind == "amend" else kind)
    for phrase, kind in v.NOMINAL_ACTIONS.items():
        put(phrase, "NOUNACT", kind)
    for phrase in v.IN_ITS_PLACE:
        put(phrase, "THERE", "place")
    for phrase, value in v.POSITIONS.items():
        put(phrase, "POS", value)
    for phrase in v.CONTENT_INTRODUCERS:
        if phrase in ("as follows",):
            put(phrase, "FOLLOWS")
        elif phrase in ("the following", "with the following"):
            put(phrase, "FOLLOWING")
        else:
            put(phrase, "READ", "give" if phrase == "to give" else "read")
    for phrase in v.BEFORE_TEXT:
        put(phrase, "BEFORETEXT")
    for phrase in v.NEW_TEXT_LABELS:
        put(phrase, "NEWTEXT")
    for phrase in v.EVERY_PHRASES:
        put(phrase, "EVERY")
    for phrase in v.RENUMBER_WORDS:
        put(phrase, "ACCORDINGLY")
    for phrase in v.KEEP_NUMBERS:
        put(phrase, "KEEPNUMBERS")
    for phrase, mark in v.NAMED_PUNCTUATION.items():
        put(phrase, "PUNCT", mark)
        put("a " + phrase, "PUNCT", mark)
    for phrase, value in v.ORDINALS.items():
        put(phrase, "ORDINAL", str(value))
    for phrase, value in v.COUNTS.items():
        put(phrase, "COUNT", str(value))
    for phrase in v.AUXILIARIES:
        put(phrase, "AUX")
    for noun, forms in v.UNIT_NOUNS.items():
        for form in forms:
            put(form, _NOUN_TYPES.get(noun, "UNIT"), noun)
    for phrase in (
        "all",
        "everything",
        "the rest",
        "anything",
        "all the words",
        "all words",
        "all text",
        "all the text",
        "all wording",
        "all of the words",
    ):
        put(phrase, "ALL")
    for phrase in ("inclusive", "inclusively", "both inclusive", "all inclusive", "included"):
        put(phrase, "INCLUSIVE")
    for phrase in ("up to and including", "up to", "until", "through to"):
        put(phrase, "UPTO")
    for phrase in ("new", "additional", "further", "another", "extra", "fresh"):
        put(phrase, "NEW")
    for phrase in ("current", "existing", "present", "old", "pre-amendment", "original"):
        put(phrase, "CURRENT")
    for phrase in (
        "beginning",
        "starting",
        "which begins",
        "that begins",
        "which starts",
        "that starts",
        "beginning with",
        "starting with",
        "which begins with",
        "that begins with",
        "commencing",
        "commencing with",
        "that starts with",
        "which starts with",
        "that opens with",
    ):
        put(phrase, "BEGINNING")
    for phrase in (
        "containing",
        "that contains",
        "which contains",
        "that includes",
        "which includes",
        "that mentions",
        "which mentions",
        "mentioning",
        "with the words",
    ):
        put(phrase, "CONTAINING")
    for phrase in (
        "labeled",
        "labelled",
        "numbered",
        "headed",
        "entitled",
        "titled",
        "called",
        "marked",
    ):
        put(phrase, "LABELED")
    for phrase in ("that says", "which says", "saying", "that reads", "that read"):
        put(phrase, "SAYS")
    for phrase in ("this", "these", "said", "the same", "such"):
        put(phrase, "THIS")
    for phrase in (
        "in its entirety",
        "in their entirety",
        "in full",
        "as a whole",
        "as a single amendment",
        "in all",
        "as amended",
    ):
        put(phrase, "DROP")
    for phrase in ("and", "as well as", "&", "plus"):
        put(phrase, "AND")
    for phrase, kind in _PREPOSITIONS.items():
        put(phrase, kind)
    for phrase in v.DOCUMENT_NOUNS:
        put(phrase, "DOC")
    return table


_TABLE = _phrase_table()
_LONGEST_FROM: dict[str, int] = {}
for _key in _TABLE:
    _LONGEST_FROM[_key[0]] = max(_LONGEST_FROM.get(_key[0], 0), len(_key))
_CLAUSE_STARTS = frozenset(("VERB", "AMEND", "PART", "READ", "NOUNACT"))


# More words and marks than any instruction has: read no further (a hostile text stays cheap).
MAX_TOKENS = 600


@lru_cache(maxsize=2048)
def tokenize(text: str) -> tuple[Token, ...]:
    """The tokens of one masked instruction sentence (a single ``TOOLONG`` token for a
    sentence longer than any instruction)."""
    raw = _scan(text)
    if len(raw) > MAX_TOKENS:
        return (Token("TOOLONG", "", 0, len(text)),)
    tokens = _phrases(raw, text)
    tokens = _parenthesised(tokens, text)
    tokens = _in_context(tokens, text)
    return tuple(tokens)


def _scan(text: str) -> list[Token]:
    found: list[Token] = []
    for match in _SCAN.finditer(text):
        if len(found) > MAX_TOKENS:
            break
        kind = match.lastgroup or "punct"
        value = match.group()
        if kind == "label" and not _real_label(value):
            found.extend(_scan_plain(value, match.start()))
            continue
        found.append(Token(kind, value, match.start(), match.end()))
    return found


def _scan_plain(value: str, offset: int) -> list[Token]:
    """A span that looked like a label but is a word in brackets: "(Hats)", "civil)"."""
    pieces = []
    for match in re.finditer(r"[A-Za-z]+|\d+|[()]", value):
        kind = (
            "word"
            if match.group()[0].isalpha()
            else ("number" if match.group()[0].isdigit() else "punct")
        )
        pieces.append(Token(kind, match.group(), offset + match.start(), offset + match.end()))
    return pieces


def _real_label(value: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", value)
    if len(letters) <= 1:
        return True
    bracketed = re.search(r"\(([A-Za-z]+)\)|^([A-Za-z]+)\)", value)
    if bracketed:
        word = bracketed.group(1) or bracketed.group(2)
        return len(word) == 1 or bool(roman_value(word.lower()))
    return True


def _phrases(raw: list[Token], text: str) -> list[Token]:
    """Words to vocabulary tokens, longest phrase first."""
    words = [_is_word(t) for t in raw]
    lowered = [
        t.value.lower().replace("’", "'") if w else "" for t, w in zip(raw, words, strict=True)
    ]
    out: list[Token] = []
    index = 0
    while index < len(raw):
        token = raw[index]
        if not words[index]:
            out.append(_plain(token))
            index += 1
            continue
        size = _phrase_at(raw, words, lowered, index)
        if size:
            kind, value = _TABLE[tuple(lowered[index : index + size])]
            out.append(Token(kind, value, token.start, raw[index + size - 1].end))
            index += size
            continue
        kind = "DROP" if lowered[index] in _DROPPED else "WORD"
        out.append(Token(kind, token.value, token.start, token.end))
        index += 1
    return out


def _is_word(token: Token) -> bool:
    return token.type == "word" or token.value == "&"


def _phrase_at(raw: list[Token], words: list[bool], lowered: list[str], index: int) -> int:
    """How many words from ``index`` make the longest phrase of the table (0: none)."""
    longest = _LONGEST_FROM.get(lowered[index], 0)
    run = 0
    while run < longest and index + run < len(raw) and words[index + run]:
        run += 1
    for size in range(run, 0, -1):
        key = tuple(lowered[index : index + size])
        if key in _TABLE and not (key == ("so",) and raw[index].value != "SO"):
            return size  # "so" is a standing order only when written "SO"
    return 0


def _plain(token: Token) -> Token:
    if token.type == "q":
        return Token("Q", token.value[1:-1], token.start, token.end)
    if token.type == "note":
        return Token("NOTE", token.value[1:-1], token.start, token.end)
    if token.type == "label":
        return Token("LABEL", token.value, token.start, token.end)
    if token.type == "number":
        ordinal = _ORDINAL_NUMBER.match(token.value)
        if ordinal:
            return Token("ORDINAL", ordinal.group(1), token.start, token.end)
        return Token("NUMBER", token.value, token.start, token.end)
    mark = token.value
    kinds = {
        ",": "COMMA",
        ";": "SEMI",
        ":": "COLON",
        "(": "LPAREN",
        ")": "RPAREN",
        "–": "DASH",
        "—": "DASH",
        "-": "DASH",
        ".": "DOT",
        "...": "DOT",
        "…": "DOT",
    }
    return Token(kinds.get(mark, "MARK"), mark, token.start, token.end)


def _parenthesised(tokens: list[Token], text: str) -> list[Token]:
    """Brackets around words: a title after a label, "(inclusive)", or an aside to drop."""
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type != "LPAREN":
            out.append(token)
            index += 1
            continue
        close = next(
            (
                j
                for j in range(index + 1, min(len(tokens), index + 24))
                if tokens[j].type in ("RPAREN", "LPAREN")
            ),
            -1,
        )
        if close < 0 or tokens[close].type != "RPAREN":
            index += 1  # a stray bracket
            continue
        inner = tokens[index + 1 : close]
        kinds = {t.type for t in inner}
        words = text[token.end : tokens[close].start].strip()
        previous = next((t for t in reversed(out) if t.type != "DROP"), None)
        if kinds <= {"INCLUSIVE", "DROP"} and "INCLUSIVE" in kinds:
            out.append(Token("INCLUSIVE", words, token.start, tokens[close].end))
        elif len(inner) == 1 and inner[0].type == "Q" and previous is not None:
            out.append(Token("TITLEQ", inner[0].value, token.start, tokens[close].end))
        elif (
            previous is not None
            and previous.type in ("LABEL", "NUMBER")
            and words
            and not (re.match(r"(?:including|together|with|excluding|i\.e|e\.g)\b", words.lower()))
        ):
            out.append(Token("TITLE", words, token.start, tokens[close].end))
        index = close + 1
    return out


def _in_context(tokens: list[Token], text: str) -> list[Token]:
    tokens = _renumbered_as(tokens)
    tokens = [t for t in tokens if t.type != "DROP" or t.value.lower() in _NOUN_MAKERS]
    tokens = _nominal_objects(tokens)
    out: list[Token] = []
    for index, token in enumerate(tokens):
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.type == "DROP"
            and token.type not in ("VERB", "NOUNACT")
        ):
            previous = next((t for t in reversed(out) if t.type != "DROP"), None)
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        token = _decided(token, previous, following, text)
        if token is not None:
            out.append(token)
    out = [
        t
        for i, t in enumerate(out)
        if t.type != "DROP"
        and not (t.type == "ORDINAL" and i + 1 < len(out) and out[i + 1].type == "NOUNACT")
    ]  # "The first insertion will be ...": the ordinal only counts the changes
    out = _titles_in_apposition(out, text)
    out = _runs(out, text)
    return _conjunctions(out)


def _nominal_objects(tokens: list[Token]) -> list[Token]:
    """ "the deletion of 'X'", "the addition in its place of 'Y'": the "of" after an action
    named by a noun introduces what it acts on, as the words after a verb do."""
    out: list[Token] = []
    nominal = False
    for index, token in enumerate(tokens):
        if token.type in ("VERB", "AMEND", "PART", "CONJ"):
            nominal = False
        nominal |= token.type == "NOUNACT"
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if (
            token.type == "OF"
            and nominal
            and (out[-1].type == "NOUNACT" or following is not None and following.type == "Q")
        ):
            continue
        out.append(token)
    return out


def _renumbered_as(tokens: list[Token]) -> list[Token]:
    """ "Renumber Rule 4.4 as 4.5", "reletter (d) as (e)": "as" names the new number."""
    out = list(tokens)
    renumbering = False
    for index, token in enumerate(tokens):
        renumbering |= token.value.lower().startswith("renumber")
        if (
            renumbering
            and token.type == "DROP"
            and token.value.lower() == "as"
            and 0 < index < len(tokens) - 1
            and tokens[index - 1].type == "LABEL"
            and tokens[index + 1].type in ("LABEL", "UNIT")
        ):
            out[index] = Token("TO", "as", token.start, token.end)
    return out


def _decided(
    token: Token, previous: Token | None, following: Token | None, text: str
) -> Token | None:
    kind = token.type
    value = token.value.lower()
    surface = text[token.start : token.end].lower()
    if (
        kind == "VERB"
        and value.startswith(("change|", "amend|"))
        and previous is not None
        and (previous.value.lower() in _NOUN_MAKERS or previous.type == "ORDINAL")
    ):
        return Token("NOUNACT", value.split("|")[0], token.start, token.end)
    if (
        kind == "NOUNACT"
        and surface in ("change", "changes")
        and (previous is None or previous.value.lower() not in _NOUN_MAKERS)
    ):
        return Token("VERB", "change|change", token.start, token.end)
    if kind == "WORD" and value == "read" and previous is not None and previous.type == "Q":
        return Token("READ", "read", token.start, token.end)  # "for 'six' read 'eight'"
    if kind == "CONTAINING" and value == "with the words" and previous and previous.type == "Q":
        return Token("WITH", "with", token.start, token.end)  # "replace 'x' with the words 'y'"
    if kind == "VERB" and previous is not None and previous.type == "AUX":
        participles = {form for _k, _b, _i, parts in v.ACTIONS.values() for form in parts}
        if value.split("|")[1] in participles:
            return Token("PART", value.split("|")[0], token.start, token.end)
    if (
        kind == "WORD"
        and previous is not None
        and previous.type == "UNIT"
        and (
            len(token.value) == 1
            or roman_value(token.value.lower())
            and (token.value.isupper() or token.value.islower())
        )
    ):
        return Token("LABEL", token.value, token.start, token.end)
    if kind == "DOC" and following is not None and following.type in ("LABEL", "NUMBER"):
        return Token("UNIT", _unit_noun(value), token.start, token.end)
    if (
        kind == "UNIT"
        and surface.endswith("s")
        and (
            following is None or following.type not in ("LABEL", "NUMBER", "Q", "TITLEQ", "LPAREN")
        )
        and previous is not None
        and previous.type in ("IN", "EVERY", "OF", "FROM", "TO")
    ):
        return Token("DOC", surface, token.start, token.end)
    if (
        kind == "WORDSN"
        and surface == "text"
        and previous is not None
        and previous.type in ("POS", "IN", "OF", "TO", "EVERY")
        # "after the text 'X'" names words; "at the end of the text 'X'" adds them
        and (following is None or following.type != "Q" or previous.value in ("end", "start"))
    ):
        return Token("DOC", "text", token.start, token.end)
    if kind == "DROP" and token.value == "A" and previous is not None and previous.type == "UNIT":
        return Token("LABEL", "A", token.start, token.end)  # "Rule A", not the article
    if kind == "DROP" and token.value.lower() in _NOUN_MAKERS:
        return Token("DROP", token.value, token.start, token.end)
    if kind == "AT" and following is not None and following.type == "LINE":
        return None
    if kind == "TO" and following is not None and following.type in ("VERB", "AMEND"):
        return None  # "agrees to insert", "to be"
    if kind == "DOT":
        return None
    if kind == "MARK" and token.value in "[]":
        return None
    return token


def _unit_noun(value: str) -> str:
    for noun, forms in v.UNIT_NOUNS.items():
        if value in forms:
            return noun
    return value.rstrip("s")


def _titles_in_apposition(tokens: list[Token], text: str) -> list[Token]:
    """ "Rule 2481, 'Festival Restrictions', by ...", "Clause 17 of the constitution, Green
    World, and ...", "10 Conference": a label's title in the instruction."""
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        out.append(token)
        after_label = token.type in ("LABEL", "NUMBER") or (
            token.type == "DOC"
            and len(out) >= 3
            and out[-2].type == "OF"
            and out[-3].type in ("LABEL", "NUMBER")
        )
        if not after_label:
            index += 1
            continue
        rest = tokens[index + 1 :]
        if (
            len(rest) >= 2
            and rest[0].type == "COMMA"
            and rest[1].type == "Q"
            and (len(rest) == 2 or rest[2].type in ("COMMA", "BY", "CONJ", "COLON"))
        ):
            out.append(Token("TITLEQ", rest[1].value, rest[1].start, rest[1].end))
            index += 3 if len(rest) > 2 and rest[2].type == "COMMA" else 2
            continue
        if rest and rest[0].type == "Q" and len(rest) > 1 and rest[1].type in ("BY", "COMMA"):
            out.append(Token("TITLEQ", rest[0].value, rest[0].start, rest[0].end))
            index += 2
            continue
        title = _capitalised_words(rest, text)
        if title is not None:
            end, words = title
            out.append(Token("TITLE", words, rest[0].start, rest[end].end))
            index += end + 2
            if index < len(tokens) and tokens[index].type == "COMMA" and token.type == "DOC":
                index += 1
            continue
        index += 1
    return out


def _capitalised_words(rest: list[Token], text: str) -> tuple[int, str] | None:
    """Capitalised unknown words right after a label, up to a comma or colon: "10
    Conference,", ", Green World," after "Clause 17 of the constitution", "Article 5 –
    Finance:"."""
    offset = 1 if rest and rest[0].type in ("COMMA", "DASH") else 0
    end = offset
    while end < len(rest) and rest[end].type == "WORD" and rest[end].value[:1].isupper():
        end += 1
    if end == offset or end >= len(rest) or rest[end].type not in ("COMMA", "COLON"):
        return None
    words = text[rest[offset].start : rest[end - 1].end]
    return end - 1, words


def _runs(tokens: list[Token], text: str) -> list[Token]:
    """Unknown words, with the small words between them, as one ``WORDS`` token."""
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        starts = token.type == "WORD" or (
            token.value.lower() in ("and", "or", "the", "a", "an")
            and index + 1 < len(tokens)
            and tokens[index + 1].type == "WORD"
            and out
            and out[-1].type in ("VERB", "WITH", "BY", "POS")
        )
        if not starts:
            out.append(token)
            index += 1
            continue
        end = index
        while end + 1 < len(tokens):
            nxt = tokens[end + 1]
            if nxt.type == "WORD":
                end += 1
                continue
            if (
                nxt.value.lower() in _MINOR
                and end + 2 < len(tokens)
                and tokens[end + 2].type == "WORD"
            ):
                end += 2
                continue
            break
        while end + 1 < len(tokens) and _title_noun(tokens, end + 1, text):
            end += 1  # "Election Regulations", "Conference Regulations": a title
        start = tokens[index].start
        article = re.search(r"\b(?:the|a|an)\s+$", text[max(0, start - 5) : start], re.I)
        if article and (not out or out[-1].end <= start - len(article.group())):
            start -= len(article.group())  # "the alliance fights": the article is theirs too
        words = text[start : tokens[end].end]
        out.append(Token("WORDS", words, start, tokens[end].end))
        index = end + 1
    return _label_lists(out)


def _title_noun(tokens: list[Token], index: int, text: str) -> bool:
    """A capitalised noun with no label after capitalised words is part of a title."""
    token = tokens[index]
    if token.type not in ("UNIT", "DOC") or not text[token.start : token.end][:1].isupper():
        return False
    previous = tokens[index - 1]
    if not text[previous.start : previous.end][:1].isupper():
        return False
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return following is None or following.type not in ("LABEL", "NUMBER", "Q", "TITLEQ")


def _label_lists(tokens: list[Token]) -> list[Token]:
    """A comma or "to" between two labels belongs to a list of labels ("points 2, 3 and 5")."""
    out = list(tokens)
    for index in range(1, len(out) - 1):
        before, token, after = out[index - 1], out[index], out[index + 1]
        if before.type in ("LABEL", "NUMBER") and after.type in ("LABEL", "NUMBER"):
            if token.type == "COMMA":
                out[index] = Token("LCOMMA", ",", token.start, token.end)
            elif token.type in ("TO", "UPTO", "DASH") and token.value != "as":
                out[index] = Token("LTO", token.value, token.start, token.end)
            elif token.type == "AND":
                out[index] = Token("LAND", token.value, token.start, token.end)
    return out


def _conjunctions(tokens: list[Token]) -> list[Token]:
    """ "and", "," or ";" that start a new clause (a verb follows, or a place and then a verb)
    are ``CONJ``; "by" before a verb too ("Amend Rule 5 by deleting ...")."""
    out: list[Token] = []
    for index, token in enumerate(tokens):
        if token.type in ("AND", "COMMA", "SEMI", "BY", "COLON", "LAND") and _clause_follows(
            tokens, index + 1, token.type
        ):
            if out and out[-1].type == "CONJ":
                continue  # ", and", ", by", "; and"
            out.append(Token("CONJ", token.value, token.start, token.end))
            continue
        out.append(token)
    return out


def _clause_follows(tokens: list[Token], index: int, joiner: str) -> bool:
    while index < len(tokens) and tokens[index].type in ("AND", "BY", "COMMA"):
        index += 1
    if index >= len(tokens):
        return False
    first = tokens[index]
    if first.type in _CLAUSE_STARTS or (first.type == "AUX" and joiner != "BY"):
        return not (joiner == "COLON" and first.type == "READ")
    if joiner == "BY":
        return False
    if first.type in (
        "IN",
        "AT",
        "POS",
        "THERE",
        "LINE",
        "UNIT",
        "THIS",
        "NEW",
        "WORDSN",
        "EVERY",
        "ORDINAL",
    ):
        for later in tokens[index + 1 :]:
            if later.type in ("AND", "COMMA", "SEMI", "CONJ"):
                return False
            if later.type in _CLAUSE_STARTS or later.type == "AUX":
                return True
    return False
