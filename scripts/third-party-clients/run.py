"""Runs Wrike clients that other people wrote (PyPI) against a running wrike-tui sandbox.

Usage: python run.py BASE_URL TOKEN   (scripts/third-party-clients.sh installs the clients and starts the sandbox)
Prints one line per check and `N passed, M failed`; exits 1 when a check failed.
"""
import sys

import harness
import pywrike_checks
import pywrikev4_checks
import wrikepy_checks


def main():
    ctx = harness.discover()
    wrikepy_checks.run(ctx)
    pywrikev4_checks.run(ctx)
    pywrike_checks.run(ctx)
    passed, failed = harness.results.count(True), harness.results.count(False)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
