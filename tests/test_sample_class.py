"""``grader sample-class --students N --seed S``: a drawn class, its stated mix, its seed.

Nothing is graded here (the zip is built and read back); the drawn class is graded
by ``tests/test_bench_scale.py`` through the benchmark's plumbing.
"""

import json
import re
import shutil
import zipfile
from collections import Counter

import pytest
import yaml
from typer.testing import CliRunner

from grader.cli import app
from grader.course import COURSE, all_assignments
from grader.drawn_class import BLANK, MISTAKE, SOLUTION, drawn_class, exercises
from grader.languages import CODE_STUB
from grader.lessons import all_lessons, select
from grader.release import release
from grader.sample_class import CLASS_FILE, load_class

LESSONS = ["01", "12"]
STUDENT_ID = re.compile(r"[A-Za-z0-9._-]+")


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    """A scratch course with every lesson released (class.yml's alice hands in all of them)."""
    root = tmp_path_factory.mktemp("drawn") / "course"
    root.mkdir()
    shutil.copy(COURSE / "nbgrader_config.py", root / "nbgrader_config.py")
    release(all_assignments(), root=root)
    return root


@pytest.fixture(scope="module")
def drawn():
    return drawn_class(200, 3, load_class(), select(LESSONS))


def _sample_class(root, target, *options):
    result = CliRunner().invoke(
        app, ["--course", str(root), "sample-class", "--output", str(target), *options]
    )
    assert result.exit_code == 0, result.output
    return result.output


def _notebooks(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_without_students_the_zip_is_class_yml(root, tmp_path):
    _sample_class(root, tmp_path / "class.zip")
    spec = load_class(CLASS_FILE)
    members = _notebooks(tmp_path / "class.zip")
    assert {name.split("/")[0] for name in members} == set(spec["students"])
    assert "farid/12_quiz (1).ipynb" in members and members["gaelle/12_quiz.ipynb"] == b""
    assert len([n for n in members if n.startswith("alice/")]) == len(all_lessons())
    assert not (tmp_path / "class.yml").exists()  # nothing drawn, nothing described


def test_a_drawn_class_keeps_the_odd_cases_then_draws_unique_plausible_names(drawn):
    people = drawn["students"]
    assert len(people) == 200
    hand_written = load_class(CLASS_FILE)["students"]
    handing_in = {"01_overfitting", "12_quiz"}  # LESSONS: the others hand nothing in
    kept = [
        s for s, i in hand_written.items() if i["lessons"] == "all" or handing_in & {*i["lessons"]}
    ]
    assert list(people)[:7] == kept
    assert people["emma"]["damage"] == {"01_overfitting": "broken"}
    assert people["dmitri"]["submitted"] > drawn["due"]  # late, as in class.yml
    assert people["farid"]["lessons"] == ["12_quiz"]
    assert all(STUDENT_ID.fullmatch(student) for student in people)
    names = [info["name"] for info in list(people.values())[7:]]
    assert len(set(people)) == 200 and len(set(names)) > 150
    french = [info["name"] for info in people.values() if info.get("name") and info["lang"] == "fr"]
    accented = [name for name in french if not name.isascii()]
    assert len(accented) > len(french) / 4, accented
    assert {"é", "è", "ë", "ï"} & set("".join(accented))


def test_a_drawn_class_has_its_stated_mix(drawn):
    drawn_people = list(drawn["students"].values())[7:]
    langs = Counter(info["lang"] for info in drawn_people)
    assert abs(langs["en"] - langs["fr"]) <= 1, langs
    cells = {
        grade_id: mistakes
        for lesson in exercises(select(LESSONS)).values()
        for grade_id, mistakes in lesson
    }
    kinds = Counter()
    by_exercise: dict[str, Counter] = {}
    for info in drawn_people:
        for grade_id, choice in info["answers"].items():
            if not cells[grade_id]:  # a written answer: solution or blank only
                assert choice in ("solution", "blank")
                continue
            kind = choice.split(":")[0]
            kinds[kind] += 1
            by_exercise.setdefault(grade_id, Counter())[kind] += 1
            if kind == "mistake":
                assert choice.split(":")[1] in cells[grade_id]
    total = sum(kinds.values())
    for kind, share in (("solution", SOLUTION), ("mistake", MISTAKE), ("blank", BLANK)):
        assert abs(kinds[kind] / total - share) < 0.04, (kind, kinds)
    assert kinds == Counter(drawn["code_answers_drawn"])
    solved = [c["solution"] / sum(c.values()) for c in by_exercise.values()]
    assert max(solved) - min(solved) > 0.15  # exercises differ in difficulty
    handed = sum(len(info["lessons"]) for info in drawn_people)
    assert 0.88 < handed / (2 * len(drawn_people)) < 0.98  # 7 % not handed in
    late = sum(info["submitted"] > drawn["due"] for info in drawn_people)
    assert 2 <= late <= 20
    assert any("damage" in info for info in drawn_people)


def test_the_zip_holds_what_was_drawn_in_each_students_language(root, tmp_path):
    said = _sample_class(root, tmp_path / "d.zip", "--students", "200", "--seed", "3",
                         "--lesson", "01", "--lesson", "12")  # fmt: skip
    spec = yaml.safe_load((tmp_path / "d.yml").read_text(encoding="utf-8"))
    assert "200 students" in said and spec == drawn_class(200, 3, load_class(), select(LESSONS))
    members = _notebooks(tmp_path / "d.zip")
    assert len(members) == sum(len(info["lessons"]) for info in spec["students"].values())
    seen_langs = Counter()
    checked = Counter()
    for student, info in list(spec["students"].items())[7:]:
        for stem in info["lessons"]:
            kind = info.get("damage", {}).get(stem)
            if kind:
                continue
            nb = json.loads(members[f"{student}/{stem}.ipynb"])
            assert nb["metadata"]["course"]["lang"] == info["lang"]
            seen_langs[info["lang"]] += 1
            for cell in nb["cells"]:
                grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
                choice = info["answers"].get(grade_id)
                if choice is None or cell["cell_type"] != "code":
                    continue
                source = "".join(cell["source"])
                if choice == "blank":  # the stub, in the student's language
                    assert CODE_STUB[info["lang"]].splitlines()[0] in source
                    assert "raise NotImplementedError" in source
                else:
                    assert "raise NotImplementedError" not in source
                    assert "BEGIN SOLUTION" not in source
                checked[choice.split(":")[0]] += 1
    assert min(seen_langs.values()) > 100 and set(seen_langs) == {"en", "fr"}
    assert min(checked.values()) > 100, checked


def test_the_same_seed_gives_the_same_zip_another_seed_another_class(root, tmp_path):
    options = ["--students", "40", "--lesson", "12"]
    _sample_class(root, tmp_path / "a.zip", *options, "--seed", "5")
    _sample_class(root, tmp_path / "b.zip", *options, "--seed", "5")
    _sample_class(root, tmp_path / "c.zip", *options, "--seed", "6")
    a, b, c = ((tmp_path / f"{x}.zip").read_bytes() for x in "abc")
    assert a == b and a != c
    first, other = (drawn_class(40, s, load_class(), select(["12"])) for s in (5, 6))
    assert list(first["students"])[:7] == list(other["students"])[:7]
    assert list(first["students"])[7:] != list(other["students"])[7:]
    pairs = zip(
        list(first["students"].values())[7:], list(other["students"].values())[7:], strict=True
    )
    differ = [s for s, t in pairs if s["answers"] != t["answers"]]
    assert len(differ) > 25


def test_fewer_students_than_class_yml_keeps_its_first_ones():
    small = drawn_class(2, 0, load_class(), select(["12"]))
    assert list(small["students"]) == ["alice", "bruno"]
    assert small["students"]["alice"]["lessons"] == ["12_quiz"]
