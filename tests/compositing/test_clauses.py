from compositing.clauses import ClauseKind, split_clauses


def test_paragraph_is_split_into_sentences_and_abbreviations_stay_inside():
    text = "We believe in free debate. But once agreed, a leaflet etc. we ask you to back it."
    assert [c.text for c in split_clauses("A", text)] == [
        "We believe in free debate.",
        "But once agreed, a leaflet etc. we ask you to back it.",
    ]


def test_bullets_and_numbering_labels_are_kept_apart_from_the_wording():
    text = (
        "Intro that:\n\n  • organises democratically;\n  • campaigns for open selection;"
        "\n\n1.2. Opposition to capitalism."
    )
    clauses = split_clauses("A", text)
    assert [c.text for c in clauses] == [
        "Intro that:",
        "organises democratically;",
        "campaigns for open selection;",
        "Opposition to capitalism.",
    ]
    assert [c.label for c in clauses] == ["", "•", "•", "1.2."]
    assert [c.index for c in clauses] == [0, 1, 2, 3]


def test_label_on_its_own_line_numbers_the_next_block():
    clauses = split_clauses("D", "1.3\n\nProxy voting is not permitted.")
    assert [(c.label, c.text) for c in clauses] == [("1.3", "Proxy voting is not permitted.")]


def test_headings_are_flagged_and_remembered_by_the_clauses_under_them():
    text = "STATEMENT OF PRINCIPLES\n\nWe organise.\n\n2. Structure\n\n2.1. Members pay a fee."
    clauses = split_clauses("B", text)
    assert [c.kind for c in clauses] == [
        ClauseKind.HEADING,
        ClauseKind.SENTENCE,
        ClauseKind.HEADING,
        ClauseKind.SENTENCE,
    ]
    assert clauses[1].heading == "STATEMENT OF PRINCIPLES"
    assert clauses[3].heading == "Structure"


def test_wrapped_markdown_paragraph_is_one_block():
    text = "The OG should meet\nat least quarterly. It publishes minutes.\n\n- a list item"
    clauses = split_clauses("M", text)
    assert [c.text for c in clauses] == [
        "The OG should meet at least quarterly.",
        "It publishes minutes.",
        "a list item",
    ]
    assert clauses[0].block == clauses[1].block != clauses[2].block


def test_a_list_item_naming_a_term_gives_the_term_a_clause_of_its_own():
    text = "- Chair: Prepares agendas and chairs meetings.\n- Treasurer: self-explanatory.\n"
    assert [c.text for c in split_clauses("A", text)] == [
        "Chair",
        "Prepares agendas and chairs meetings.",
        "Treasurer",
        "self-explanatory.",
    ]
    paragraph = "Note: this is not a list item."
    assert [c.text for c in split_clauses("A", paragraph)] == [paragraph]
