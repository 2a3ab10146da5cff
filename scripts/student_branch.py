"""Make (or move on) the branch students pull: the course without the model solutions.

Usage: python scripts/student_branch.py [--from REF] [--branch NAME] [--repo PATH]

nbgitpuller copies a whole branch into each student's home; ``instructor/``
holds the model solutions, so the class link must not point at a branch that
has it. This script commits the tree of ``REF`` (default ``HEAD``; a release
tag such as ``v0.1.0`` on a hub) minus the paths in :data:`INSTRUCTOR_ONLY` onto
the branch ``NAME`` (default ``student``). The new commit's only parent is the
branch's previous commit, so the branch is a plain line of course versions:
students pulling it again get a fast-forward (their own edits are merged by
nbgitpuller), and nothing from ``instructor/`` is reachable from it.

Nothing in your work tree or index changes; push the branch afterwards
(``git push origin student``). If the tree is the same as the branch's last
commit, nothing is committed. Prints one line saying what happened.

The solutions stay public in the repository itself if it is public: this keeps
them out of students' homes, not secret.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

#: Paths (relative to the repository's top) that students never get.
INSTRUCTOR_ONLY = ("instructor",)


class StudentBranchError(RuntimeError):
    """A step failed; the message says which and why."""


def _git(repo: Path, *args: str, env: dict[str, str] | None = None, check: bool = True) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          env=env, timeout=60, check=False)
    if check and done.returncode != 0:
        raise StudentBranchError(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout.strip()


def student_tree(repo: Path, ref: str) -> str:
    """The id of ``ref``'s tree without :data:`INSTRUCTOR_ONLY` (written to the object store)."""
    commit = _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False)
    if not commit:
        raise StudentBranchError(f"{ref!r} is not a commit in {str(repo)!r}; give a branch, "
                                 "a tag such as v0.1.0, or a commit.")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "GIT_INDEX_FILE": str(Path(tmp) / "index")}
        _git(repo, "read-tree", commit, env=env)
        _git(repo, "rm", "-r", "--cached", "--quiet", "--ignore-unmatch", "--",
             *INSTRUCTOR_ONLY, env=env)
        return _git(repo, "write-tree", env=env)


def update_student_branch(repo: str | os.PathLike, ref: str = "HEAD",
                          branch: str = "student") -> str:
    """Commit ``ref``'s student tree onto ``branch``; return a sentence saying what happened."""
    repo = Path(repo)
    tree = student_tree(repo, ref)
    source = _git(repo, "rev-parse", "--short", f"{ref}^{{commit}}")
    parent = _git(repo, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}", check=False)
    if parent and _git(repo, "rev-parse", f"{parent}^{{tree}}") == tree:
        return f"{branch} already holds {ref} ({source}) without {', '.join(INSTRUCTOR_ONLY)}/."
    message = (f"Student edition of {ref} ({source})\n\n"
               f"The course as students pull it: without {', '.join(INSTRUCTOR_ONLY)}/.")
    args = ["commit-tree", tree, "-m", message] + (["-p", parent] if parent else [])
    commit = _git(repo, *args)
    _git(repo, "update-ref", f"refs/heads/{branch}", commit, *([parent] if parent else []))
    return (f"{branch} is now {commit[:12]}: {ref} ({source}) without "
            f"{', '.join(INSTRUCTOR_ONLY)}/. Push it with `git push origin {branch}`.")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python scripts/student_branch.py",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--from", dest="ref", default="HEAD",
                        help="the commit, branch or tag to publish (default HEAD)")
    parser.add_argument("--branch", default="student", help="the branch to commit onto")
    parser.add_argument("--repo", default=".", help="the repository (default: here)")
    args = parser.parse_args(argv)
    try:
        print(update_student_branch(args.repo, args.ref, args.branch))
    except StudentBranchError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
