"""A realistic class of any size, drawn from the answers the course already knows.

Why: the seven students of ``course/sample_class/class.yml`` show every odd case
once, but a report, a benchmark or a cluster needs hundreds of students whose
scores spread like a real class's. Every answer drawn here is one the course can
grade and whose grade is known: the instructor's solution, the untouched stub, or
a typical mistake catalogued in ``notebooks/src/mistakes/`` (each fails its tests, checked
by ``grader validate``). The class comes out in ``class.yml``'s own shape, so
:func:`grader.classes.sample.build_zip` writes it like the hand-written one.

The mix, stated once here (and in ``grader sample-class --help`` and the instructors'
guide, ``docs/guide/*/instructors.md``):

- the class holds the hand-written students of ``class.yml`` first (a complete one,
  typical mistakes, a blank one, a late one, a truncated, an empty and a renamed v3
  upload), as many as ``students`` leaves room for, then drawn students;
- drawn students work in French or English, half and half (in a drawn order);
- each code exercise is answered with the solution (65 % on average), a catalogued
  mistake (23 %, each of the exercise's mistakes equally likely) or left blank
  (12 %); the share of solutions rises with the student's level (one draw per
  student) and falls with the exercise's difficulty (one draw per exercise and
  seed), so lessons and exercises differ as they do in a real class; a written
  answer is the solution's text or left blank, in the same proportions;
- 7 % of a drawn student's lessons are not handed in, 5 % of drawn students hand
  in late (1 to 72 hours after the due date, all their lessons), and 2 % of handed
  in notebooks are damaged as real uploads are (truncated, empty, renamed, saved in
  nbformat 3).

The same ``students`` and ``seed`` always give the same class (string-seeded
``random.Random``, independent of ``PYTHONHASHSEED``); another seed, another class.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from grader.lessons import Lesson, all_lessons

SOLUTION, MISTAKE, BLANK = 0.65, 0.23, 0.12  # mean shares per code exercise
LEVEL_WEIGHT, DIFFICULTY_WEIGHT = 0.12, 0.15  # how far level and difficulty move them
MISSING, LATE, DAMAGED = 0.07, 0.05, 0.02
DAMAGES = ("broken", "empty", "renamed", "nbformat3", ["renamed", "nbformat3"])
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"

MIX_HELP = (
    "the students of class.yml first (its odd cases), then drawn ones: half FR, half EN; "
    "per code exercise on average 65 % solution, 23 % a catalogued mistake, 12 % blank "
    "(more solutions for stronger students and easier exercises); 7 % of lessons not "
    "handed in, 5 % of students late, 2 % of notebooks damaged"
)

FIRST_NAMES = {
    "fr": (
        "Élodie",
        "Zoé",
        "Noémie",
        "Hélène",
        "Jérôme",
        "Benoît",
        "Gaëtan",
        "Loïc",
        "Anaïs",
        "Maëlle",
        "Clément",
        "Théo",
        "Léa",
        "Chloé",
        "Amélie",
        "Cécile",
        "Raphaël",
        "Inès",
        "Océane",
        "Mathéo",
        "Célia",
        "Héloïse",
        "Aurélien",
        "Séverine",
        "Thaïs",
        "Noël",
        "Camille",
        "Lucas",
        "Manon",
        "Hugo",
        "Louise",
        "Julien",
        "Sarah",
        "Nathan",
        "Yanis",
        "Jade",
        "Louis",
        "Mathilde",
        "Antoine",
        "Pauline",
        "Bastien",
        "Margaux",
        "Quentin",
        "Sophie",
        "Karim",
        "Nadia",
        "Mehdi",
        "Fatou",
        "Moussa",
        "Yasmine",
        "François",
        "Lætitia",
        "Maïwenn",
        "Joël",
        "Adèle",
        "Bérénice",
        "Valérie",
        "Stéphane",
    ),
    "en": (
        "Olivia",
        "Liam",
        "Emma",
        "Noah",
        "Amelia",
        "Oliver",
        "Ava",
        "Elijah",
        "Sophia",
        "James",
        "Isabella",
        "William",
        "Mia",
        "Benjamin",
        "Charlotte",
        "Harper",
        "Henry",
        "Evelyn",
        "Jack",
        "Priya",
        "Arjun",
        "Mei",
        "Hiroshi",
        "Aisha",
        "Omar",
        "Chidi",
        "Ngozi",
        "Sean",
        "Siobhan",
        "Zoë",
        "Renée",
        "José",
        "Ángel",
        "Björn",
        "Søren",
        "Grace",
        "Daniel",
        "Hannah",
        "Samuel",
        "Lily",
        "Ethan",
        "Chloe",
        "Ryan",
        "Fatima",
        "Tomás",
        "Ingrid",
        "Kwame",
        "Leila",
        "Dmitri",
        "Anja",
        "Rahul",
        "Yuki",
    ),
}
LAST_NAMES = {
    "fr": (
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
        "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David",
        "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier",
        "Dupont", "Lambert", "Bonnet", "François", "Légaré", "Côté", "Gagné", "Bélanger",
        "Lévesque", "Bérubé", "Pelletier", "Gauthier", "Ménard", "Chevalier", "Rivière",
        "Hébert", "Perrot", "Brossard", "Diallo", "Traoré", "Benali", "Nguyen", "Dufrêne",
        "Thériault", "Gélinas", "Lemaître",
    ),
    "en": (
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
        "Anderson", "Taylor", "Moore", "Jackson", "White", "Harris", "Clark", "Lewis",
        "Walker", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson",
        "Hill", "Campbell", "Mitchell", "Roberts", "Patel", "Singh", "Chen", "Wang", "Kim",
        "Okafor", "Mensah", "O'Brien", "O'Connor", "McAllister", "Nakamura", "Kowalski",
        "Novak", "Murphy", "Kelly", "Sullivan", "Walsh", "Byrne", "Ryan", "Schmidt",
        "Jiménez", "Müller", "Ødegaard",
    ),
}  # fmt: skip


def exercises(lessons: list[Lesson]) -> dict[str, list[tuple[str, list[str]]]]:
    """Each lesson's answer cells in order: (grade id, names of its catalogued mistakes)."""
    from grader.authoring.build import generate
    from grader.authoring.exercises import load_mistakes

    found = {}
    for lesson in lessons:
        mistakes = load_mistakes(lesson)
        found[lesson.stem] = [
            (grade_id, sorted(mistakes.get(grade_id, {})))
            for cell in generate(lesson, "en").cells
            if cell.metadata.get("nbgrader", {}).get("solution")
            for grade_id in [cell.metadata["nbgrader"]["grade_id"]]
        ]
    return found


def _hand_written(base: dict, stems: list[str], room: int) -> dict[str, dict]:
    """class.yml's students, each with only the chosen lessons (none left: left out)."""
    kept = {}
    for student, info in base["students"].items():
        if len(kept) == room:
            break
        theirs = stems if info["lessons"] == "all" else [s for s in info["lessons"] if s in stems]
        if theirs:
            kept[student] = {**info, "lessons": theirs}
    return kept


def _name(rng: random.Random, lang: str, taken: set[str]) -> tuple[str, str]:
    """A plausible full name in the student's language, and a student id not yet taken."""
    from grader.lms.names import slug  # nbgrader's: imported only when drawing

    full = f"{rng.choice(FIRST_NAMES[lang])} {rng.choice(LAST_NAMES[lang])}"
    base = slug(full.replace(" ", "."))
    student, number = base, 1
    while student in taken:
        number += 1
        student = f"{base}{number}"
    taken.add(student)
    return full, student


def _answer(rng: random.Random, p_solution: float, mistakes: list[str]) -> str:
    """One exercise's answer: solution, one of its mistakes, or blank."""
    draw = rng.random()
    if draw < p_solution:
        return "solution"
    if mistakes and draw < p_solution + (1 - p_solution) * MISTAKE / (MISTAKE + BLANK):
        return f"mistake:{rng.choice(mistakes)}"
    return "blank"


def drawn_class(
    students: int,
    seed: int,
    base: dict,
    lessons: list[Lesson] | None = None,
    vary: bool = False,
    plant: float = 0.0,
) -> dict:
    """A class of ``students`` in ``class.yml``'s shape: ``base``'s students, then drawn ones.

    ``base`` is the hand-written class (its due date and odd cases); ``lessons``
    the lessons handed in (all by default). See the module's docstring for the mix.
    ``vary`` gives each drawn student a personal style (:mod:`grader.analysis.variation`);
    ``plant`` (a share of the drawn students, implies ``vary``) makes copiers of some
    (:func:`grader.classes.copies.plant`).
    """
    lessons = lessons or all_lessons()
    stems = [lesson.stem for lesson in lessons]
    cells = exercises(lessons)
    due = datetime.strptime(base["due"], TIME_FORMAT)
    chosen = _hand_written(base, stems, students)
    taken = set(chosen)
    difficulty = {
        grade_id: random.Random(f"{seed}/difficulty/{grade_id}").uniform(-1, 1)
        for stem in stems
        for grade_id, _ in cells[stem]
    }
    tally = dict.fromkeys(("solution", "mistake", "blank"), 0)  # code exercises drawn
    count = students - len(chosen)
    langs = (["fr", "en"] * count)[:count]  # half and half exactly, in a drawn order
    random.Random(f"{seed}/languages").shuffle(langs)
    for index, lang in enumerate(langs):
        rng = random.Random(f"{seed}/student/{index}")
        full, student = _name(rng, lang, taken)
        level = max(-2.0, min(2.0, rng.gauss(0, 1)))
        late = rng.random() < LATE
        offset = timedelta(seconds=rng.randint(3600, 72 * 3600))
        when = due + offset if late else due - offset
        handed = [stem for stem in stems if rng.random() >= MISSING] or [rng.choice(stems)]
        answers, damage = {}, {}
        for stem in handed:
            for grade_id, mistakes in cells[stem]:
                p = SOLUTION + LEVEL_WEIGHT * level - DIFFICULTY_WEIGHT * difficulty[grade_id]
                answers[grade_id] = _answer(rng, max(0.05, min(0.97, p)), mistakes)
                if mistakes:
                    tally[answers[grade_id].split(":")[0]] += 1
            if rng.random() < DAMAGED:
                kind = rng.choice(DAMAGES)
                damage[stem] = list(kind) if isinstance(kind, list) else kind  # no YAML alias
        style = {"style": f"{seed}/{index}"} if vary or plant else {}
        chosen[student] = {
            **style,
            "name": full,
            "lang": lang,
            "submitted": when.strftime(TIME_FORMAT),
            "lessons": handed,
            "answers": answers,
            **({"damage": damage} if damage else {}),
        }
    spec = {"due": base["due"], "seed": seed, "code_answers_drawn": tally, "students": chosen}
    if plant:
        from grader.classes.copies import plant as plant_copies

        plant_copies(spec, plant, seed, cells)
    return spec
