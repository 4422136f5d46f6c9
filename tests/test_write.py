"""write.py: only changed files written, MANIFEST-listed files removed, swap leaves no residue."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from generator import write
from generator.emit import sha256_text
from generator.write import MANIFEST, manifest_text, parse_manifest


def write_tree(out: Path, files: dict[str, str], state: Path | None = None) -> write.WriteResult:
    """``write.write_tree`` of texts at hand."""
    return write.write_tree(out, {p: (sha256_text(t), t.__str__) for p, t in files.items()},
                            state)


def spare_of(state: Path) -> write.Known:
    return write._load_state(state).spare


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_first_write_creates_files_and_manifest(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = write_tree(out, {"a/x.txt": "x\n", "b.txt": "b\n"})
    assert result.written == ("a/x.txt", "b.txt")
    assert tree(out) == {
        "a/x.txt": "x\n", "b.txt": "b\n",
        MANIFEST: f"{hashlib.sha256(b'x' + bytes([10])).hexdigest()}  a/x.txt\n"
                  f"{hashlib.sha256(b'b' + bytes([10])).hexdigest()}  b.txt\n",
    }


def test_unchanged_files_keep_their_inode_and_mtime(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(out, {"same.txt": "same\n", "edit.txt": "v1\n"})
    before = os.stat(out / "same.txt")
    result = write_tree(out, {"same.txt": "same\n", "edit.txt": "v2\n"})
    after = os.stat(out / "same.txt")
    assert result.written == ("edit.txt",)
    assert result.unchanged == ("same.txt",)
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)
    assert (out / "edit.txt").read_text() == "v2\n"


def test_nothing_to_do_touches_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(out, {"a.txt": "a\n"})
    inode = os.stat(out).st_ino
    result = write_tree(out, {"a.txt": "a\n"})
    assert result.written == () and result.removed == ()
    assert os.stat(out).st_ino == inode  # the directory was not swapped


def test_removes_only_files_listed_in_the_old_manifest(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(out, {"keep.txt": "k\n", "gone/old.txt": "o\n"})
    (out / "mine.txt").write_text("a user's file\n")
    (out / "notes").mkdir()
    result = write_tree(out, {"keep.txt": "k\n"})
    assert result.removed == ("gone/old.txt",)
    assert tree(out) == {"keep.txt": "k\n", "mine.txt": "a user's file\n",
                         MANIFEST: manifest_text({"keep.txt": sha256_text("k\n")})}
    assert (out / "notes").is_dir()  # a user's empty directory survives
    assert not (out / "gone").exists()  # a directory emptied of generated files goes


def test_a_hand_edited_file_is_rewritten(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(out, {"a.txt": "a\n"})
    (out / "a.txt").write_text("edited\n")
    assert write_tree(out, {"a.txt": "a\n"}).written == ("a.txt",)
    assert (out / "a.txt").read_text() == "a\n"


def test_no_temporary_directories_are_left_beside_out(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(out, {"a.txt": "1\n"})
    write_tree(out, {"a.txt": "2\n"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_fallback_swap_without_renameat2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(write, "_exchange", lambda a, b: False)
    out = tmp_path / "out"
    write_tree(out, {"a.txt": "1\n"})
    write_tree(out, {"a.txt": "2\n", "b.txt": "b\n"})
    assert tree(out)["a.txt"] == "2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_recover_rolls_back_a_run_killed_between_the_fallback_renames(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(out, {"a.txt": "old\n"})
    os.rename(out, tmp_path / ".out.docschema-old.123")  # killed after the first rename
    (tmp_path / ".out.docschema-new.456").mkdir()
    write.recover(out)
    assert (out / "a.txt").read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize("bad", ["/abs", "../up", "a/../b", "a//b", "./a", MANIFEST, "", "a\\b"])
def test_refuses_paths_outside_or_reserved(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError):
        write_tree(tmp_path / "out", {bad: "x"})


def test_manifest_round_trip_ignores_malformed_lines() -> None:
    hashes = {"b/c.txt": "1" * 64, "a.txt": "2" * 64}
    text = manifest_text(hashes)
    assert text.splitlines()[0].endswith("  a.txt")
    assert parse_manifest(text + "garbage\n" + "3" * 64 + "  ../evil\n") == hashes


def test_compare_tree_reports_missing_stale_and_extra(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(out, {"a.txt": "a\n", "b.txt": "b\n", "c.txt": "c\n"})
    (out / "b.txt").write_text("changed\n")
    wanted = {"a.txt": sha256_text("a\n"), "b.txt": sha256_text("b\n"),
              "d.txt": sha256_text("d\n")}
    comparison = write.compare_tree(out, wanted)
    assert comparison.missing == ("d.txt",)
    assert comparison.stale == (MANIFEST, "b.txt")
    assert comparison.extra == ("c.txt",)
    assert write.compare_tree(out, {}).extra == ("a.txt", "b.txt", "c.txt")


def test_is_current_notices_a_touched_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    files = {"a.txt": "a\n"}
    write_tree(out, files, tmp_path / "state")
    hashes = {p: sha256_text(t) for p, t in files.items()}
    assert write.is_current(out, hashes, tmp_path / "state")
    assert not write.is_current(out, hashes, None)  # nothing known: not current
    (out / "a.txt").write_text("b\n")
    assert not write.is_current(out, hashes, tmp_path / "state")


def test_symlinked_out_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "out"
    link.symlink_to(real)
    write_tree(link, {"a.txt": "1\n"})
    write_tree(link, {"a.txt": "2\n"})
    assert link.is_symlink()
    assert (link / "a.txt").read_text() == "2\n"


def test_known_stamps_spare_reading_untouched_files(tmp_path: Path) -> None:
    out, known = tmp_path / "out", tmp_path / "state"
    write_tree(out, {"a.txt": "1\n", "b.txt": "2\n"}, known)
    # Same size and mtime but other bytes: trusted as known (as black and make trust stamps) ...
    info = os.stat(out / "a.txt")
    (out / "a.txt").write_text("X\n")
    os.utime(out / "a.txt", ns=(info.st_atime_ns, info.st_mtime_ns))
    assert write_tree(out, {"a.txt": "1\n", "b.txt": "2\n"}, known).written == ()
    # ... while without stamps the bytes are compared.
    assert write_tree(out, {"a.txt": "1\n", "b.txt": "2\n"}).written == ("a.txt",)
    # A known digest that differs from the new text means a write, without reading.
    assert write_tree(out, {"a.txt": "1\n", "b.txt": "3\n"}, known).written == ("b.txt",)


def test_the_swap_keeps_the_output_directory_mode(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(out, {"a.txt": "1\n"})
    os.chmod(out, 0o750)
    write_tree(out, {"a.txt": "2\n"})
    assert os.stat(out).st_mode & 0o777 == 0o750


# -- the spare tree ---------------------------------------------------------------------------


def spare_run(out: Path, state: Path, files: dict[str, str]) -> write.WriteResult:
    """A run as the pipeline makes it: the writer keeps its state (and spare) in ``state``."""
    return write_tree(out, files, state)


def test_a_first_tree_gets_a_hard_linked_spare(tmp_path: Path) -> None:
    out, state = tmp_path / "out", tmp_path / "cache" / "writer"
    spare_dir = state / "tree"
    spare_run(out, state, {"a/x.txt": "x\n", "b.txt": "b\n"})
    assert tree(spare_dir) == tree(out)
    assert os.stat(spare_dir / "b.txt").st_ino == os.stat(out / "b.txt").st_ino
    assert sorted(spare_of(state)) == ["a/x.txt", "b.txt"]


def test_the_spare_is_brought_up_to_date_and_swapped_in(tmp_path: Path) -> None:
    out, state = tmp_path / "out", tmp_path / "cache" / "writer"
    spare_dir = state / "tree"
    versions = [{"same.txt": "s\n", "edit.txt": "v1\n", "gone/old.txt": "o\n"},
                {"same.txt": "s\n", "edit.txt": "v2\n", "new/n.txt": "n\n"},
                {"same.txt": "s\n", "edit.txt": "v3\n", "new/n.txt": "n\n"},
                {"same.txt": "s\n", "edit.txt": "v3\n"}]
    trees = []
    for files in versions:
        same_before = os.stat(out / "same.txt").st_ino if out.exists() else None
        spare_run(out, state, files)
        expected = {**files, MANIFEST: manifest_text(
            {p: sha256_text(t) for p, t in files.items()})}
        assert tree(out) == expected
        assert {p: stamp for p, (_, stamp) in write._load_state(state).out.items()} == \
            write.stamps(out, sorted(files))
        if same_before is not None:
            assert os.stat(out / "same.txt").st_ino == same_before  # never rewritten
        trees.append(expected)
        if len(trees) > 1:
            assert tree(spare_dir) == trees[-2]  # the spare holds the tree before
    assert not (out / "gone").exists() and not (out / "new").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "out"]


def test_a_spare_file_changed_behind_its_back_is_replaced(tmp_path: Path) -> None:
    out, state = tmp_path / "out", tmp_path / "cache" / "writer"
    spare_dir = state / "tree"
    spare_run(out, state, {"a.txt": "1\n", "b.txt": "b\n"})
    spare_run(out, state, {"a.txt": "2\n", "b.txt": "b\n"})
    (spare_dir / "b.txt").unlink()  # the spare's b.txt was out's: replace it by other bytes
    (spare_dir / "b.txt").write_text("tampered\n")
    (spare_dir / "stray.txt").write_text("not docschema's\n")
    (spare_dir / "empty").mkdir()
    spare_run(out, state, {"a.txt": "3\n", "b.txt": "b\n"})
    assert tree(out) == {"a.txt": "3\n", "b.txt": "b\n", MANIFEST: manifest_text(
        {"a.txt": sha256_text("3\n"), "b.txt": sha256_text("b\n")})}
    assert not (out / "empty").exists()


def test_files_docschema_does_not_own_make_the_full_build_carry_them(tmp_path: Path) -> None:
    out, state = tmp_path / "out", tmp_path / "cache" / "writer"
    spare_dir = state / "tree"
    spare_run(out, state, {"a.txt": "1\n"})
    (out / "mine.txt").write_text("a user's file\n")
    (out / "notes").mkdir()
    spare_run(out, state, {"a.txt": "2\n"})
    assert (out / "mine.txt").read_text() == "a user's file\n" and (out / "notes").is_dir()
    assert (out / "a.txt").read_text() == "2\n"
    assert (spare_dir / "a.txt").read_text() == "1\n"  # the old tree became the spare
    assert set(spare_of(state)) == {"a.txt"}


def test_a_spare_on_another_file_system_is_not_used(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(write, "_same_file_system", lambda spare, parent: False)
    out, state = tmp_path / "out", tmp_path / "cache" / "writer"
    spare_dir = state / "tree"
    spare_run(out, state, {"a.txt": "1\n"})
    spare_run(out, state, {"a.txt": "2\n"})
    assert spare_of(state) == {} and not spare_dir.exists()
    assert (out / "a.txt").read_text() == "2\n"


def test_the_spare_swap_without_renameat2(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(write, "_exchange", lambda a, b: False)
    out, state = tmp_path / "out", tmp_path / "cache" / "writer"
    spare_dir = state / "tree"
    spare_run(out, state, {"a.txt": "1\n"})
    spare_run(out, state, {"a.txt": "2\n"})
    spare_run(out, state, {"a.txt": "3\n"})
    assert (out / "a.txt").read_text() == "3\n" and (spare_dir / "a.txt").read_text() == "2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "out"]


def test_an_unchanged_tree_without_a_spare_gets_one(tmp_path: Path) -> None:
    out, state = tmp_path / "out", tmp_path / "cache" / "writer"
    spare_dir = state / "tree"
    write_tree(out, {"a.txt": "1\n"})  # written without a spare (another cache, --no-cache)
    result = spare_run(out, state, {"a.txt": "1\n"})
    assert result.written == () and tree(spare_dir) == tree(out)
    assert set(spare_of(state)) == {"a.txt"}
    spare_run(out, state, {"a.txt": "2\n"})
    assert (out / "a.txt").read_text() == "2\n" and (spare_dir / "a.txt").read_text() == "1\n"
    assert spare_of(state)["a.txt"][0] == sha256_text("1\n")


def test_a_spare_that_cannot_be_made_costs_no_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache directory should be")
    spare_run(out, blocker / "writer", {"a.txt": "1\n"})
    assert spare_of(blocker / "writer") == {} and (out / "a.txt").read_text() == "1\n"
    spare_run(out, blocker / "writer", {"a.txt": "2\n"})
    assert (out / "a.txt").read_text() == "2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "out"]


def test_a_file_edited_in_place_is_not_trusted_through_its_hard_link(tmp_path: Path) -> None:
    """out/ and its spare share the inodes of files unchanged for two runs: a file edited in
    place in out/ is edited in the spare too, and must be written again, not kept."""
    out, state = tmp_path / "out", tmp_path / "cache" / "writer"
    spare_dir = state / "tree"
    files = {"same.txt": "s\n", "edit.txt": "v1\n"}
    spare_run(out, state, files)
    spare_run(out, state, {**files, "edit.txt": "v2\n"})
    assert os.stat(out / "same.txt").st_ino == os.stat(spare_dir / "same.txt").st_ino
    with (out / "same.txt").open("w") as stream:
        stream.write("X\n")  # in place: the spare's same.txt changes with it
    third = spare_run(out, state, {**files, "edit.txt": "v3\n"})
    assert (out / "same.txt").read_text() == "s\n" and (out / "edit.txt").read_text() == "v3\n"
    assert third.written == ("edit.txt", "same.txt")
    fourth = spare_run(out, state, {**files, "edit.txt": "v4\n"})
    assert tree(out) == {"same.txt": "s\n", "edit.txt": "v4\n", MANIFEST: manifest_text(
        {"same.txt": sha256_text("s\n"), "edit.txt": sha256_text("v4\n")})}
    assert fourth.written == ("edit.txt",)
