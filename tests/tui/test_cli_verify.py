"""`juwei verify` checks the audit log's hash chain: an audit row edited
with the sqlite3 shell (its triggers dropped first, as an attacker would)
makes verify name the row and exit 3."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import Site, run  # noqa: E402


def site_with_history():
    site = Site(init=True)
    for login in ('li', 'wang'):
        site.juwei('user', 'add', login, '--name', '李' + login, '--role',
                   'staff', '--committee', 'hepingli', '--password-stdin',
                   input='secret-pass\n', check=True)
    return site


def test_verify_reports_the_chain_whole():
    site = site_with_history()
    r = site.juwei('verify')
    assert r.returncode == 0, r.stderr
    assert 'audit chain: ok up to row' in r.stdout, r.stdout


def test_verify_names_the_edited_row():
    site = site_with_history()
    row = site.value("select min(id) from audit where action = 'insert'")
    subprocess.run(['sqlite3', site.db,
                    'DROP TRIGGER audit_no_update;'
                    "UPDATE audit SET actor_login = 'nobody' WHERE id = %d;"
                    % row], check=True)
    r = site.juwei('verify')
    assert r.returncode == 3, (r.returncode, r.stdout, r.stderr)
    assert 'audit chain: BROKEN' in r.stdout, r.stdout
    assert str(row) in r.stdout.split('BROKEN', 1)[1], r.stdout
    assert 'is damaged' in r.stderr


run(globals())
