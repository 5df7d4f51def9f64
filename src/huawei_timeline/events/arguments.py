"""Who did what to whom: the arguments of a mention's trigger from the dependency parse.

The subject and the principal actor (pronouns, titles and definite descriptions
resolved within the article), the object, the goal ("added to the list"), the
voice, the kind of mention (action, speech, nominal), its modality (planned,
hypothetical, negated, ...) and the people, organisations and places of its clause.
"""

from __future__ import annotations

from collections.abc import Sequence

from huawei_timeline.events.article import (
    ORG_LABELS,
    PERSON_LABELS,
    QUOTES,
    ArticleView,
    clean_name,
)
from huawei_timeline.events.lexicon import event_class
from huawei_timeline.models import (
    MentionKind,
    Modality,
    Sentence,
    Token,
    Voice,
)
from huawei_timeline.timex.resolve import is_imperative

SUBJECT_DEPS: tuple[str, ...] = ("nsubj", "nsubjpass", "csubj", "csubjpass")
"""Subject relations, in the order a subject is looked for: a tuple, not a set, so
the choice never depends on string hashing ("A master of infighting, Felt seized
...": the parser makes both "master" and "Felt" subjects; "Felt", ``nsubj``, wins)."""


INHERIT_SUBJECT_DEPS = frozenset({"xcomp", "advcl", "conj", "ccomp", "pcomp"})


PRONOUNS = frozenset({"he", "she", "him", "her"})


THING_PRONOUNS: dict[str, frozenset[str]] = {
    "it": frozenset({"ORG", "GPE"}),
    "they": frozenset({"ORG", "GPE", "NORP"}),
}
"""Pronouns that stand for an organisation or a country named as subject of the
verb their clause completes ("BP said it was using four submersibles": BP), and
the labels of the names they may take."""

EXTRAPOSING_VERBS = frozenset({"be", "seem", "appear", "become", "remain", "look", "take"})
"""Verbs whose "it" is a placeholder for a clause ("it seems that ...", "it would be
wrong to ..."), which names no one."""


RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
"""Subjects of a relative clause that stand for the noun the clause modifies
("Obama, who made a third trip ...": Obama made it). Only with a relative tag
(``WP``/``WDT``) under a ``relcl`` verb: "That is ..." and "Who is in charge?" stay."""


AGENT_PREPOSITIONS = frozenset({"by", "from"})


NOMINAL_MODIFIER_DEPS = frozenset({"poss", "compound", "nmod", "amod", "nummod"})


SPEECH_COMPLEMENT_DEPS = frozenset({"ccomp", "parataxis", "dobj"})


MAX_HEAD_STEPS = 6


def mention_kind(view: ArticleView, sentence: Sentence, trigger: Token) -> MentionKind:
    """Speech when a reporting verb introduces what was said, nominal for event nouns."""
    if trigger.pos in ("NOUN", "PROPN"):
        return "nominal"
    if trigger.lemma.lower() in view.lex.reporting_verbs and (
        any(c.dep in SPEECH_COMPLEMENT_DEPS for c in view.children(trigger, sentence))
        or any(q in sentence.text for q in QUOTES)
    ):
        return "speech"
    return "action"


def predicate_lemma(view: ArticleView, sentence: Sentence, trigger: Token) -> str:
    """The lemma naming the event: the trigger's, or the event noun a light verb reports.

    "The car bombings occurred ..." reports bombings; "four people were killed
    in an explosion" reports the explosion (``light_verbs``, ``casualty_verbs``).
    """
    lemma = trigger.lemma.lower()
    if trigger.pos not in ("VERB", "AUX"):
        return lemma
    lex = view.lex
    children = view.children(trigger, sentence)
    objects = [c.lemma.lower() for c in children if c.dep == "dobj"]
    if lemma in lex.light_verbs or any(f"{lemma} {o}" in lex.light_verbs for o in objects):
        for child in children:
            if child.dep == "nsubj" and _names_event(view, child):
                return child.lemma.lower()
    if lemma in lex.casualty_verbs:
        for child in children:
            if child.dep == "prep" and child.lemma.lower() in lex.casualty_prepositions:
                for obj in view.children(child, sentence):
                    if obj.dep == "pobj" and _names_event(view, obj):
                        return obj.lemma.lower()
    return lemma


def _names_event(view: ArticleView, noun: Token) -> bool:
    word = noun.lemma.lower()
    return noun.pos == "NOUN" and (word in view.lex.event_nouns or event_class(word) is not None)


def object_argument(view: ArticleView, sentence: Sentence, trigger: Token) -> str | None:
    """What the event was done to: the direct object, or the subject of a passive.

    A past participle describing a noun acts on that noun: in "Huawei, added to
    the list in May, ..." the object is Huawei.
    """
    for child in view.children(trigger, sentence):
        if child.dep in ("dobj", "nsubjpass"):
            return _argument(view, child)
    if trigger.dep == "acl" and trigger.tag == "VBN" and trigger.head != trigger.i:
        return _argument(view, view.tokens[trigger.head])
    return None


def _argument(view: ArticleView, noun: Token) -> str:
    """A participant's name: the entity it is part of, the story's company, or its lemma."""
    entity = view.entity_at.get(noun.i)
    if entity is not None:
        label, text = entity
        titles = view.lex.titles if label in PERSON_LABELS else view.lex.courtesy_titles
        return clean_name(text, titles) or noun.lemma.lower()
    return _story_org(view, noun) or noun.lemma.lower()


def goal_argument(view: ArticleView, sentence: Sentence, trigger: Token) -> str | None:
    """Where what a verb moves goes to or comes from: "to blacklist", "from list".

    The direction comes from the preposition (``goal_prepositions_*`` in
    ``resources/events.toml``), the place from the head of its object. Event
    nouns have none: "a threat to security" moves nothing.
    """
    if trigger.pos not in ("VERB", "AUX"):
        return None
    lex = view.lex
    # The parser often hangs the prepositional phrase of "placed Huawei and 68
    # affiliates on its Entity List" on the object; it still says where they went.
    holders = [trigger]
    for child in view.children(trigger, sentence):
        if child.dep == "dobj" and child.lemma.lower() not in lex.event_nouns:
            holders.append(child)
            holders.extend(c for c in view.children(child, sentence) if c.dep == "conj")
    preps = [c for holder in holders for c in view.children(holder, sentence)]
    for child in preps:
        word = child.lemma.lower()
        if child.dep != "prep" or child.ent_type in ("DATE", "TIME"):
            continue
        if word in lex.goal_prepositions_to:
            direction = "to"
        elif word in lex.goal_prepositions_from:
            direction = "from"
        else:
            continue
        for obj in view.children(child, sentence):
            if obj.dep == "pobj" and obj.ent_type not in ("DATE", "TIME"):
                return f"{direction} {_argument(view, obj)}"
    return None


def voice_of(view: ArticleView, sentence: Sentence, trigger: Token) -> Voice:
    """Passive when the verb has a passive auxiliary or subject."""
    passive = trigger.pos in ("VERB", "AUX") and any(
        c.dep in ("auxpass", "nsubjpass", "csubjpass") for c in view.children(trigger, sentence)
    )
    return "passive" if passive else "active"


def _story_org(view: ArticleView, noun: Token) -> str | None:
    """ "the company" as the organisation the article has named most so far."""
    if noun.lemma.lower() not in view.lex.generic_org_nouns or not view.org_counts:
        return None
    return view.org_counts.most_common(1)[0][0]


def subject_of(
    view: ArticleView, sentence: Sentence, trigger: Token
) -> tuple[Token | None, list[Token]]:
    """The trigger's subject head and phrase (or agent, or possessor).

    Subjectless clauses inherit the subject of the verb they depend on.
    """
    current = trigger
    for _ in range(MAX_HEAD_STEPS):
        children = [
            c for c in view.children(current, sentence) if c.ent_type not in ("DATE", "TIME")
        ]
        nominal = current.pos in ("NOUN", "PROPN")
        wanted = ("poss", "nmod") if nominal else SUBJECT_DEPS
        for dep in wanted:
            for child in children:
                if child.dep == dep:
                    return _antecedent(view, sentence, child, current) or (
                        child,
                        view.subtree(child, sentence),
                    )
        if nominal:
            # "a directive from President Trump", "an order by the court"
            for child in children:
                if child.dep == "prep" and child.lemma.lower() in AGENT_PREPOSITIONS:
                    objects = [c for c in view.children(child, sentence) if c.dep == "pobj"]
                    if objects:
                        return objects[0], view.subtree(objects[0], sentence)
        for child in children:
            if child.dep == "agent":
                objects = [c for c in view.children(child, sentence) if c.dep == "pobj"]
                if objects:
                    return objects[0], view.subtree(objects[0], sentence)
        if nominal and current.dep == "dobj" and current.head != current.i:
            verb = view.tokens[current.head]
            if verb.lemma.lower() in view.lex.support_verbs:
                # "The ambassadors issued a joint statement": theirs.
                current = verb
                continue
        if current.dep not in INHERIT_SUBJECT_DEPS or current.head == current.i:
            break
        current = view.tokens[current.head]
    return None, []


def _antecedent(
    view: ArticleView, sentence: Sentence, pronoun: Token, verb: Token
) -> tuple[Token, list[Token]] | None:
    """The noun a relative pronoun subject stands for, and its phrase without the
    relative clause: "Rep. Edward Markey, who chairs the subcommittee and introduced
    a bill" is Markey's for both verbs. None for any other subject."""
    if pronoun.text.lower() not in RELATIVE_PRONOUNS or pronoun.tag not in ("WP", "WDT"):
        return None
    clause = verb
    for _ in range(MAX_HEAD_STEPS):
        if clause.dep == "relcl":
            break
        if clause.dep != "conj" or clause.head == clause.i:
            return None
        clause = view.tokens[clause.head]
    else:
        return None
    noun = view.tokens[clause.head]
    if not sentence.token_start <= noun.i < pronoun.i or noun.pos not in ("NOUN", "PROPN"):
        return None
    between = view.tokens[noun.i + 1 : pronoun.i]
    if any(t.pos != "PUNCT" for t in between):
        # "Craig and Joan Brown Campbell of the National Council of Churches, who
        # traveled with Craig": the parser's noun is not the one before the pronoun.
        return None
    if noun.dep == "pobj" and _attached_to_noun(view, noun):
        # "negotiations with China, which fell apart", "the son of a herdsman who
        # seized power": either noun may be meant.
        return None
    inside = {t.i for t in view.subtree(clause, sentence)}
    phrase = [t for t in view.subtree(noun, sentence) if t.i not in inside]
    while phrase and phrase[-1].pos == "PUNCT":
        phrase.pop()
    return noun, phrase


def _attached_to_noun(view: ArticleView, noun: Token) -> bool:
    """Whether ``noun`` is the object of a preposition that modifies another noun."""
    preposition = view.tokens[noun.head]
    return preposition.head != preposition.i and view.tokens[preposition.head].pos in (
        "NOUN",
        "PROPN",
    )


def principal_actor(
    view: ArticleView, head: Token | None, subject: Sequence[Token]
) -> tuple[str | None, bool]:
    """Who the subject's head names, resolving appositions, pronouns and titles; and if
    it is a person.

    Only the head counts: in "the Trump administration" the actor is the
    administration, not Trump.
    """
    if head is None:
        return None, False
    entity = view.entity_at.get(head.i)
    if entity is not None:
        name = view.name(*entity)
        if name:
            return name, entity[0] in PERSON_LABELS
    if (beside := view.appositive_person(head)) is not None:
        # "Israel's prime minister, Benjamin Netanyahu, apologised": the named person.
        return beside, True
    word = head.text.lower()
    if word in PRONOUNS:
        person = _subject_above(view, head, PERSON_LABELS) or view.last_subject or view.last_person
        if person is not None and view.titled_otherwise(person, word):
            person = None
        return person, person is not None
    if word in THING_PRONOUNS and _reported(view, head) and not _placeholder(view, head):
        return _subject_above(view, head, THING_PRONOUNS[word], steps=2), False
    if (titled := view.person_by_title(word)) is not None:
        return titled, True
    if head.pos == "NOUN" and head.lemma.lower() in view.org_by_head:
        # "the department", "his department": the organisation last named with that head.
        return view.org_by_head[head.lemma.lower()], False
    return None, False


def _reported(view: ArticleView, pronoun: Token) -> bool:
    """Whether the pronoun is subject of a clause that completes a verb ("BP said it
    had begun ...", "Halliburton confirmed it performed ..."): there it is the one
    who says so. In a clause of time or reason ("BP was leasing the rig when it
    exploded", "as it pours out") it is as often the thing last named."""
    return pronoun.head != pronoun.i and view.tokens[pronoun.head].dep == "ccomp"


def _placeholder(view: ArticleView, pronoun: Token) -> bool:
    """An "it" that stands for a clause, not a thing: "it seems that ...", "it would
    be wrong to dwell on ..." (its verb takes a clause of its own), "when it comes
    to ..."."""
    if pronoun.dep == "expl":
        return True
    if pronoun.head == pronoun.i:
        return False
    verb = view.tokens[pronoun.head]
    if verb.lemma.lower() == "come" and any(
        c.dep == "prep" and c.text.lower() == "to" for c in view.kids.get(verb.i, ())
    ):
        return True  # "when it comes to Libya"
    if verb.lemma.lower() not in EXTRAPOSING_VERBS:
        return False
    below = [verb, *(t for t in view.kids.get(verb.i, ()) if t.dep == "acomp")]
    return any(
        c.dep in ("ccomp", "xcomp", "csubj", "advcl") for t in below for c in view.kids.get(t.i, ())
    )


def _subject_above(
    view: ArticleView, pronoun: Token, labels: frozenset[str], steps: int = MAX_HEAD_STEPS
) -> str | None:
    """The name of ``labels`` that is subject of a clause the pronoun sits in, before
    it, at most ``steps`` heads up from the pronoun (2: its own verb and the one its
    clause completes): "Jan Kavan said he was in Kansas City" is Kavan, whoever the
    sentence before named. Not across an opening quotation mark: in "Obama said,
    'when a leader ... he has lost ...'" the speaker would say "I"."""
    text = view.parsed.article.text
    current = pronoun
    for _ in range(steps):
        if current.head == current.i:
            return None
        current = view.tokens[current.head]
        for child in view.kids.get(current.i, ()):
            if child.dep not in ("nsubj", "nsubjpass") or child.i >= pronoun.i:
                continue
            if _opens_a_quotation(text[child.end : pronoun.start]):
                return None
            entity = view.entity_at.get(child.i)
            if entity is not None and entity[0] in labels and (name := view.name(*entity)):
                return name
    return None


def _opens_a_quotation(text: str) -> bool:
    """Whether ``text`` leaves a quotation open: '..., said: "He' does, 'who wore
    an "America's Wetlands" hat, said she' does not."""
    straight = text.count('"')
    opened = text.count("\u201c") + text.count("``")
    closed = text.count("\u201d") + text.count("''")
    return straight % 2 == 1 or opened > closed


def entity_names(view: ArticleView, tokens: Sequence[Token], labels: frozenset[str]) -> list[str]:
    """The article-level names of the entities of ``labels`` among ``tokens``, in order."""
    names: list[str] = []
    for tok in tokens:
        found = view.entity_at.get(tok.i)
        if found is None or found[0] not in labels:
            continue
        name = view.name(*found)
        if name and name not in names:
            names.append(name)
    return names


def remember_entities(view: ArticleView, sentence: Sentence) -> None:
    """Track the last person named, the person the last sentence naming people had
    as its subject, how often each person was named, whom each title was used for
    (before the name or beside it: "the minister, X"), and org heads."""
    titles = view.lex.titles
    span = view.tokens[sentence.token_start : sentence.token_end]
    named_anyone = False
    subject: str | None = None
    for ent in view.entities:
        if not sentence.start <= ent.start < sentence.end:
            continue
        if ent.label in ORG_LABELS:
            org = clean_name(ent.text, view.lex.courtesy_titles)  # "General Motors"
            if org:
                view.org_counts[org] += 1
            if org and len(org.split()) > 1:
                view.org_by_head[org.split()[-1].lower()] = org
        if ent.label not in PERSON_LABELS:
            continue
        name = view.name(ent.label, ent.text)
        if not name:
            continue
        view.last_person = name
        view.person_counts[name] += 1
        named_anyone = True
        if subject is None and _is_subject(view, ent.token_start, ent.token_end):
            subject = name
        for tok in span:
            names_it = tok.i < ent.token_start and ent.token_start <= tok.head < ent.token_end
            if tok.text.lower() in titles and (names_it or view.appositive_person(tok) == name):
                given = view.titled.setdefault(tok.text.lower(), [])
                if name in given:
                    given.remove(name)
                given.append(name)
    if named_anyone:
        view.last_subject = subject


def _is_subject(view: ArticleView, start: int, end: int) -> bool:
    """Whether the name over tokens ``start:end`` is the subject of its verb."""
    return any(not start <= t.head < end and t.dep in SUBJECT_DEPS for t in view.tokens[start:end])


def _focus_negation(view: ArticleView, tok: Token, sentence: Sentence) -> bool:
    """A "not" right before a focus adverb ("have not just threatened"): it narrows
    what is said and denies nothing."""
    following = tok.i + 1
    return (
        tok.dep == "neg"
        and following < sentence.token_end
        and view.tokens[following].text.lower() in view.lex.focus_adverbs
    )


def modality_of(view: ArticleView, sentence: Sentence, trigger: Token) -> Modality:
    """Whether the event is reported as fact, plan, option, possibility or denial.

    The trigger's own auxiliaries decide first ("would issue", "did not say"; but
    "not just" denies nothing);
    an imperative is a call for what is yet to happen ("Go back to your work on
    Sunday": planned); otherwise a governing verb can ("considering removing",
    "denied that ...").
    """
    lex = view.lex
    children = [
        c for c in view.children(trigger, sentence) if not _focus_negation(view, c, sentence)
    ]
    words = {c.text.lower() for c in children if c.dep in ("aux", "auxpass", "neg")}
    words |= {c.lemma.lower() for c in children if c.dep in ("aux", "auxpass", "neg")}
    if words & lex.negation_lemmas:
        return "negated"
    if words & lex.future_markers:
        return "planned"
    if words & lex.hypothetical_markers:
        return "hypothetical"
    if is_imperative(trigger, children):
        return "planned"
    if trigger.dep in ("xcomp", "ccomp") and trigger.head != trigger.i:
        governor = view.tokens[trigger.head].lemma.lower()
        if governor in lex.consideration_verbs:
            return "considered"
        if governor in lex.denial_verbs:
            return "denied"
        if governor in lex.planning_verbs:
            return "planned"
    return "asserted"
