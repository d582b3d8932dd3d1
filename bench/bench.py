#!/usr/bin/python3
"""bench.py — the figures of `make bench`, each beside its floor.

`make bench` builds juwei optimised under build/bench, with the tools of
this directory, and runs this script, which

1. builds or reuses a demo database of SCALE work records under bench/data/
   (keyed by seed, scale and schema version; `juwei demo`),
2. measures each figure several times, juwei and its floor — the same work
   done by the layer underneath (SQLite's shell, ncurses itself, an empty
   process) on the same file — and takes the median,
3. prints one table and writes it as JSON (bench/results/latest.json).

A figure whose juwei side needs a command or module that this build does
not have is printed as "pending: …" with its floor measured; no number is
ever made up. See bench/README.md.

Usage: /usr/bin/python3 bench/bench.py --build build/bench [--scale N]
       [--seed S] [--runs K] [--out FILE] [--quick]
"""
import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
INI = os.path.join(HERE, 'bench.ini')
DATA = os.path.join(HERE, 'data')
# PAGE_COUNT_CAP of include/juwei/page.h: a list counts this many matches
# and one more, then shows "1,000+".
COUNT_CAP = 1000
LOCALEDIR = os.path.join(TOP, 'build', 'locale')
ENV = dict(os.environ, LANG='C.UTF-8', TERM='xterm-256color',
           JUWEI_LOCALEDIR=LOCALEDIR)
for _k in ('LC_ALL', 'LC_MESSAGES', 'LANGUAGE', 'JUWEI_DB', 'JUWEI_CONFIG'):
    ENV.pop(_k, None)

sys.path.insert(0, os.path.join(TOP, 'tests', 'tui'))


def log(msg):
    print('bench: ' + msg, file=sys.stderr, flush=True)


def median(xs):
    return statistics.median(xs) if xs else None


def run(cmd, input=None, check=True, env=ENV):
    """Runs cmd; returns (wall seconds, rusage of the child, stdout)."""
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE if input is not None
                         else subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=env)
    out, err = p.communicate(input.encode() if isinstance(input, str)
                             else input)
    wall = time.monotonic() - t0
    if check and p.returncode != 0:
        raise RuntimeError('%s failed (%d): %s' % (
            ' '.join(cmd[:3]), p.returncode, err.decode(errors='replace')))
    return wall, p.returncode, out.decode(errors='replace'), \
        err.decode(errors='replace')


def run_rusage(cmd, stdout=None, env=ENV):
    """Runs cmd with stdout to a file object (or /dev/null); returns
    (wall seconds, peak RSS in KB, exit status, user+sys CPU seconds).
    Through GNU time: a child forked from Python and waited for with
    wait4() reports Python's own size as its peak, from before the exec."""
    out = stdout if stdout is not None else subprocess.DEVNULL
    fd, stats = tempfile.mkstemp(prefix='juwei-bench-time-')
    os.close(fd)
    t0 = time.monotonic()
    p = subprocess.run(['/usr/bin/time', '-q', '-f', '%M %U %S', '-o', stats]
                       + cmd, stdin=subprocess.DEVNULL, stdout=out,
                       stderr=subprocess.DEVNULL, env=env)
    wall = time.monotonic() - t0
    with open(stats) as f:
        kb, user, system = f.read().split()[-3:]
    os.unlink(stats)
    return wall, int(kb), p.returncode, float(user) + float(system)


# ------------------------------------------------------------------ setup

class Bench:
    def __init__(self, args):
        self.args = args
        self.build = os.path.abspath(args.build)
        self.juwei = os.path.join(self.build, 'juwei')
        self.core = os.path.join(self.build, 'bench-core')
        self.ptytime = os.path.join(self.build, 'ptytime')
        self.floor_box = os.path.join(self.build, 'floor_box')
        self.runs = args.runs
        self.figures = []
        self.db = None
        self.scratch = os.path.join(DATA, 'scratch.db')
        self.meta = {}
        self.tmp = tempfile.mkdtemp(prefix='juwei-bench-')

    def sqlite(self, db, sql):
        """Rows of a query through the sqlite3 shell, as lists of text."""
        _, _, out, _ = run(['sqlite3', '-bail', '-separator', '\t', db, sql])
        return [line.split('\t') for line in out.splitlines()]

    def value(self, db, sql):
        rows = self.sqlite(db, sql)
        return rows[0][0] if rows else None

    def commands(self):
        """The commands this juwei has, from its --help."""
        _, _, out, _ = run([self.juwei, '--help'], env=dict(ENV, LANGUAGE='en'))
        return set(re.findall(r'^\s+(\S+)', out, re.M))

    def schema_version(self):
        probe = os.path.join(self.tmp, 'probe.db')
        _, _, out, _ = run([self.juwei, '-c', INI, '-d', probe, 'init'],
                           env=dict(ENV, LANGUAGE='en'))
        m = re.search(r'schema (\d+)', out)
        return int(m.group(1)) if m else 0

    def ensure_db(self):
        a = self.args
        version = self.schema_version()
        name = 'demo-s%d-n%d-v%d' % (a.seed, a.scale, version)
        self.db = os.path.join(DATA, name + '.db')
        meta_path = os.path.join(DATA, name + '.json')
        os.makedirs(DATA, exist_ok=True)
        if os.path.exists(self.db) and os.path.exists(meta_path):
            with open(meta_path) as f:
                self.meta = json.load(f)
            log('reusing %s (built in %.1f s)' % (
                os.path.relpath(self.db, TOP), self.meta['build_seconds']))
            return
        # One of the same seed and scale from an older schema is a
        # gigabyte of no more use.
        stale = 'demo-s%d-n%d-' % (a.seed, a.scale)
        for old in os.listdir(DATA):
            if old.startswith(stale) and not old.startswith(name):
                os.unlink(os.path.join(DATA, old))
        building = self.db + '.building'
        for suffix in ('', '-wal', '-shm'):
            if os.path.exists(building + suffix):
                os.unlink(building + suffix)
        log('building %s: juwei demo --scale %d --seed %d …' % (
            os.path.relpath(self.db, TOP), a.scale, a.seed))
        run([self.juwei, '-c', INI, '-d', building, 'init'])
        wall, rss, rc, cpu = run_rusage(
            [self.juwei, '-c', INI, '-d', building, 'demo', '--scale',
             str(a.scale), '--seed', str(a.seed)],
            stdout=open(os.path.join(self.tmp, 'demo.out'), 'w'),
            env=dict(ENV, LANGUAGE='en'))
        with open(os.path.join(self.tmp, 'demo.out')) as f:
            out = f.read()
        if rc != 0:
            raise RuntimeError('juwei demo failed:\n' + out)
        m = re.search(r'\(([\d.]+) s of it indexing', out)
        os.replace(building, self.db)
        self.meta = {
            'seed': a.seed, 'scale': a.scale, 'schema': version,
            'build_seconds': round(wall, 1), 'build_cpu_seconds': round(cpu, 1),
            'index_seconds': float(m.group(1)) if m else None,
            'peak_rss_kb': rss, 'summary': out.strip(),
        }
        with open(meta_path, 'w') as f:
            json.dump(self.meta, f, indent=1, ensure_ascii=False)
        log('built in %.1f s (%.1f s CPU)' % (wall, cpu))

    def demo_figure(self):
        m = self.meta
        self.add(id='demo_build', figure='juwei demo --scale %d: the data '
                 'set built' % m['scale'], unit='s', juwei=m['build_seconds'],
                 floor=None, floor_name='', goal='well under a minute',
                 note='%.1f s of CPU; %.1f s of it spent on the full-text '
                      'indexes (records, inspections, residents); peak RSS '
                      '%.0f MB'
                      % (m['build_cpu_seconds'], m['index_seconds'] or 0,
                         m['peak_rss_kb'] / 1024))

    def fresh_scratch(self):
        """A copy of the demo database for figures that write."""
        for suffix in ('', '-wal', '-shm'):
            if os.path.exists(self.scratch + suffix):
                os.unlink(self.scratch + suffix)
        shutil.copyfile(self.db, self.scratch)

    def add(self, **fig):
        j, f = fig.get('juwei'), fig.get('floor')
        if isinstance(j, (int, float)) and isinstance(f, (int, float)) and f:
            fig['ratio'] = float('%.2g' % (j / f))
        else:
            fig['ratio'] = None
        self.figures.append(fig)

    # -------------------------------------------------------------- shell

    def shell_per_query(self, db, sql, reps=None, runs=None):
        """Microseconds per run of `sql` in the sqlite3 shell: the wall
        time of a shell running it `reps` times less that of one running
        it none, divided by reps (the shell's .timer has millisecond
        resolution, too coarse for an indexed page). Without reps, as many
        as fill about a third of a second."""
        base = '.output /dev/null\n'
        if reps is None:
            once = run(['sqlite3', '-bail', db],
                       input=base + sql.rstrip(';') + ';\n')[0] - \
                run(['sqlite3', '-bail', db], input=base)[0]
            reps = int(min(max(0.3 / max(once, 1e-5), 3), 200))
        script = base + (sql.rstrip(';') + ';\n') * reps
        per = []
        for _ in range(runs or self.runs):
            t_full = run(['sqlite3', '-bail', db], input=script)[0]
            t_base = run(['sqlite3', '-bail', db], input=base)[0]
            per.append(max(t_full - t_base, 0) / reps * 1e6)
        return median(per)

    # -------------------------------------------------------------- figures

    def startup(self):
        log('start to the login screen, peak RSS …')
        progs = {
            'empty': ['/bin/true'],
            'box': [self.floor_box],
            'dialog': ['dialog', '--form', '登录', '12', '50', '2',
                       'Login:', '1', '1', '', '1', '12', '24', '32',
                       'Password:', '2', '1', '', '2', '12', '24', '128'],
            'juwei': [self.juwei, '-c', INI, '-d', self.db],
        }
        got = {k: {'ms': [], 'kb': [], 'bytes': []} for k in progs}
        for _ in range(max(self.runs * 4 + 1, 5)):
            for name, cmd in progs.items():
                _, _, out, _ = run([self.ptytime, '-q', '250', '--'] + cmd)
                m = dict(kv.split('=') for kv in out.split())
                got[name]['ms'].append(float(m['ms']))
                got[name]['kb'].append(int(m['maxrss_kb']))
                got[name]['bytes'].append(int(m['bytes']))
        med = {k: {f: median(v[f]) for f in v} for k, v in got.items()}
        empty = med['empty']['ms']
        self.add(id='start_ms', figure='start to the login screen drawn '
                 '(in a pty, 1M database)', unit='ms over an empty process',
                 juwei=round(med['juwei']['ms'] - empty, 2),
                 floor=round(med['box']['ms'] - empty, 2),
                 floor_name='ncursesw box (floor_box)',
                 goal='≤ 10 ms',
                 note='dialog --form %.2f ms; the empty process itself '
                      '%.2f ms' % (med['dialog']['ms'] - empty, empty))
        self.add(id='start_rss', figure='peak RSS at the login screen '
                 '(1M database open)', unit='MB',
                 juwei=round(med['juwei']['kb'] / 1024, 2),
                 floor=round(med['box']['kb'] / 1024, 2),
                 floor_name='ncursesw box (floor_box)', goal='≤ 8 MB',
                 note='dialog --form %.2f MB; empty process %.2f MB' % (
                     med['dialog']['kb'] / 1024, med['empty']['kb'] / 1024))
        self.first_screen = {'juwei': med['juwei']['bytes'],
                             'box': med['box']['bytes'],
                             'dialog': med['dialog']['bytes']}

    def account_rows(self, path):
        """The accounts list as juwei lays it out, for floor_box."""
        roles = {'staff': '工作人员', 'director': '主任', 'street': '街道',
                 'admin': '管理员'}
        rows = self.sqlite(self.db, "SELECT s.login, s.name, s.role,"
                           " coalesce(c.name, d.name, ''), s.active"
                           " FROM staff s LEFT JOIN committees c"
                           " ON c.id = s.committee_id LEFT JOIN districts d"
                           " ON d.id = s.district_id ORDER BY s.login")

        def pad(text, width):
            out, w = '', 0
            for ch in text:
                cw = 2 if unicodedata.east_asian_width(ch) in 'WF' else 1
                if w + cw > width:
                    break
                out, w = out + ch, w + cw
            return out + ' ' * (width - w)
        with open(path, 'w', encoding='utf-8') as f:
            for login, name, role, where, active in rows:
                f.write(pad(login, 14) + ' ' + pad(name, 12) + ' ' +
                        pad(roles.get(role, role), 14) + ' ' +
                        pad(where, 24) + ' ' +
                        pad('' if active == '1' else '停用', 8) + '\n')

    def screen_bytes(self):
        log('bytes written to the terminal …')
        from harness import Kiosk
        keys = list('demo.admin')
        self.fresh_scratch()
        with Kiosk(program=self.juwei, args=['-c', INI, '-d', self.scratch],
                   env={'LANGUAGE': None}) as k:
            k.wait_quiet(400)
            first = k.bytes_written()
            per_char = []
            for ch in keys:
                before = k.bytes_written()
                k.send(ch)
                k.wait_quiet(150)
                per_char.append(k.bytes_written() - before)
            sample = k.raw()[before:].decode(errors='replace')
            k.send('Tab', 'demo-juwei', 'Enter')
            found = None
            deadline = time.monotonic() + 10
            while found is None and time.monotonic() < deadline:
                k.wait_quiet(200)
                found = re.search(r'(\S)\s+(?:账号管理|账户|Accounts)',
                                  k.screen_text())
            if found is None:
                raise RuntimeError('no Accounts item on the home screen:\n'
                                   + k.dump())
            k.send(found.group(1))
            k.wait_quiet(300)
            pgdn = []
            for _ in range(5):
                before = k.bytes_written()
                k.send('PgDn')
                k.wait_quiet(200)
                pgdn.append(k.bytes_written() - before)
            shown = sum(1 for y in range(3, 22) if k.row(y).strip())
        listing = os.path.join(self.tmp, 'accounts.txt')
        self.account_rows(listing)
        with Kiosk(program=self.floor_box) as k:
            k.wait_quiet(300)
            floor_first = k.bytes_written()
            floor_char = []
            for ch in keys:
                before = k.bytes_written()
                k.send(ch)
                k.wait_quiet(150)
                floor_char.append(k.bytes_written() - before)
            floor_sample = k.raw()[before:].decode(errors='replace')
        with Kiosk(program=self.floor_box, args=[listing]) as k:
            k.wait_quiet(300)
            floor_pgdn = []
            for _ in range(5):
                before = k.bytes_written()
                k.send('PgDn')
                k.wait_quiet(200)
                floor_pgdn.append(k.bytes_written() - before)
        note = 'juwei %r; floor %r' % (sample, floor_sample)
        if median(per_char) > median(floor_char) and \
                re.search(r'\x1b\[\d+;\d+H.*\x1b\[\d+;\d+H', sample):
            note += ('. juwei moves the cursor to the end of the field after '
                     'each key and back before the next; leaving it after '
                     'the character saves both moves. The floor itself is '
                     'over 24 B for a coloured field (colour on, off)')
        self.add(id='bytes_char', figure='bytes written: one character '
                 'typed in a form field (login screen)', unit='bytes',
                 juwei=median(per_char), floor=median(floor_char),
                 floor_name='ncursesw, the same field', goal='≤ 24 B',
                 note=note)
        self.add(id='bytes_pgdn', figure='bytes written: one PgDn in the '
                 'accounts list (%d rows at 80×24, 1,173 accounts)' % shown,
                 unit='bytes', juwei=median(pgdn), floor=median(floor_pgdn),
                 floor_name='ncursesw, the same rows', goal='≤ 3 KB',
                 note='the records list is the one used most; this is the '
                      'accounts list the brief named')
        self.add(id='bytes_first', figure='bytes written: the first full '
                 'screen (login)', unit='bytes', juwei=first,
                 floor=floor_first, floor_name='ncursesw box (floor_box)',
                 goal='—', note='dialog --form %d B' %
                 self.first_screen['dialog'])

    def logins(self):
        q = "SELECT login FROM staff WHERE role = '%s' ORDER BY id LIMIT 1"
        return {r: self.value(self.db, q % r)
                for r in ('staff', 'director', 'street')}

    def durable_save(self):
        log('one durable save …')
        who = self.logins()
        k = 30
        self.fresh_scratch()
        _, _, out, _ = run([self.core, 'save', INI, self.scratch,
                            who['staff'], str(k)])
        us = json.loads(out)['us']
        staff_id = self.value(self.scratch, "SELECT id FROM staff WHERE"
                              " login = '%s'" % who['staff'])
        committee = self.value(self.scratch, "SELECT committee_id FROM staff"
                               " WHERE id = %s" % staff_id)
        insert = ("INSERT INTO records (committee_id, staff_id, date,"
                  " category, title, details, hours, version, created_at,"
                  " updated_at) VALUES ('%s', %s, date('now'), 'visit',"
                  " '入户走访独居老人', '到3号楼2单元走访，了解老人身体和生活"
                  "情况，已登记需求，将协调志愿者上门。', 1.5, 1,"
                  " unixepoch(), unixepoch())" % (committee, staff_id))
        pragmas = ('PRAGMA journal_mode = WAL;\nPRAGMA synchronous = FULL;\n'
                   'PRAGMA foreign_keys = ON;\n.output /dev/null\n')
        per = []
        for _ in range(self.runs):
            t_full = run(['sqlite3', '-bail', self.scratch],
                         input=pragmas + (insert + ';\n') * k)[0]
            t_base = run(['sqlite3', '-bail', self.scratch],
                         input=pragmas)[0]
            per.append((t_full - t_base) / k * 1e6)
        self.add(id='save', figure='one durable save with its audit row '
                 '(a work record: records_add → store_apply)', unit='ms',
                 juwei=round(median(us) / 1000, 3),
                 floor=round(median(per) / 1000, 3),
                 floor_name='one INSERT, own transaction, sqlite3 shell, '
                            'same pragmas', goal='≤ 1.3× floor',
                 note='median of %d saves; juwei writes the row, its audit '
                      'row (the row as JSON, sealed into the hash chain) and '
                      'its full-text entry in the same transaction, the '
                      'floor the row alone; both one fsync of the WAL' % k)

    def bulk_import(self, commands):
        """Each run on a fresh copy of the database: juwei imports the CSV
        (one transaction, every row through residents.c with its audit
        row), then the sqlite3 shell imports the same file again."""
        log('bulk import …')
        n = 20000 if not self.args.quick else 2000
        csv = os.path.join(self.tmp, 'residents.csv')
        with open(csv, 'w') as f:
            subprocess.run([self.core, 'csv', INI, str(n), '101'], stdout=f,
                           check=True, env=ENV)
        juwei, floor, pending = [], [], None
        if 'import' not in commands:
            pending = 'needs `juwei import residents` (residents, issue 5)'
        for _ in range(max(self.runs // 2, 2)):
            self.fresh_scratch()
            if pending is None:
                t, rc, _, err = run([self.juwei, '-c', INI, '-d',
                                     self.scratch, 'import', 'residents',
                                     csv], check=False,
                                    env=dict(ENV, LANGUAGE='en'))
                if rc != 0:
                    pending = 'failed: ' + (err.strip().splitlines() or
                                            [''])[-1]
                else:
                    juwei.append(n / t)
            script = (
                '.bail on\n.mode csv\n'
                '.import %s bench_import\n'
                'INSERT INTO residents (committee_id, name, gender,'
                ' birth_year, building, unit, room, phone, id_number, notes,'
                ' active, version, created_at, updated_at)'
                ' SELECT c.id, t."姓名",'
                ' CASE t."性别" WHEN \'女\' THEN \'F\' ELSE \'M\' END,'
                ' CAST(t."出生年份" AS INTEGER), t."楼号", t."单元",'
                ' t."房号", nullif(t."联系电话", \'\'),'
                ' nullif(t."身份证号", \'\'), nullif(t."备注", \'\'),'
                ' 1, 1, unixepoch(), unixepoch()'
                ' FROM bench_import t JOIN committees c'
                ' ON c.name = t."居委会";\n'
                'DROP TABLE bench_import;\n' % csv)
            pragmas = 'PRAGMA synchronous = FULL;\nPRAGMA foreign_keys = ON;\n'
            t_full = run(['sqlite3', self.scratch], input=pragmas + script)[0]
            t_base = run(['sqlite3', self.scratch], input=pragmas)[0]
            floor.append(n / (t_full - t_base))
        self.add(id='import', figure='bulk import of a residents CSV '
                 '(%d rows, Chinese header)' % n, unit='rows/s',
                 juwei=round(median(juwei)) if juwei and pending is None
                 else None, floor=round(median(floor)), pending=pending,
                 floor_name='sqlite3 .import of the same CSV + INSERT … '
                            'SELECT into residents', goal='≥ 0.7× floor',
                 note='juwei checks and writes each row through residents.c '
                      '(pinyin initials, ID number, duplicates, tags) with '
                      'its audit row and search entry, in one transaction; '
                      'the floor copies the columns (its residents are not '
                      'in the search index)')

    def page_figure(self, fid, title, login, extra, goal, count=False):
        _, _, out, _ = run([self.core, 'page', INI, self.db, login,
                            '--reps', str(max(self.runs * 3, 9))] + extra)
        r = json.loads(out)
        floor = self.shell_per_query(self.db, r['sql'])
        note = ''
        if count:
            # The list counts its rows when it opens, beside the first page.
            count_floor = self.shell_per_query(self.db, r['count_sql'])
            note = ('with it the list counts its %d rows: juwei %.1f ms, '
                    'the same SQL in the shell %.1f ms' % (
                        r['count'], median(r['count_us']) / 1000,
                        count_floor / 1000))
        self.add(id=fid, figure=title, unit='µs', juwei=round(median(r['us'])),
                 floor=round(floor), goal=goal, note=note,
                 floor_name='the same SQL (values in), sqlite3 shell',
                 sql=r['sql'])
        return r

    def list_pages(self):
        log('list pages …')
        who = self.logins()
        district_rows = self.value(self.db, "SELECT count(*) FROM records"
                                   " WHERE committee_id IN (SELECT id FROM"
                                   " committees WHERE district_id = (SELECT"
                                   " district_id FROM staff WHERE login ="
                                   " '%s'))" % who['street'])
        first = self.page_figure(
            'page_first', 'records list, first page of 20 (a street office: '
            '%s records)' % district_rows, who['street'], [],
            '≤ 1.5× floor', count=True)
        # The row that ends page 5,000 of this list, found once (untimed):
        # PgDn from there is the deep page.
        deep_pages = 5000 if not self.args.quick else 100
        at = self.sqlite(self.db, "SELECT date, id FROM records WHERE"
                         " committee_id IN (SELECT id FROM committees WHERE"
                         " district_id = (SELECT district_id FROM staff"
                         " WHERE login = '%s')) ORDER BY date DESC, id DESC"
                         " LIMIT 1 OFFSET %d" % (who['street'],
                                                  deep_pages * 20 - 1))[0]
        deep = self.page_figure(
            'page_deep', 'records list, PgDn after %d pages (keyset, at %s)'
            % (deep_pages, at[0]), who['street'], ['--at', at[0], at[1]],
            '≤ 1.5× floor; no more than the first page')
        if deep['us'] and first['us'] and \
                median(deep['us']) > 3 * median(first['us']):
            self.figures[-1]['note'] = 'grows with depth'
        until = self.value(self.db, 'SELECT max(date) FROM records')
        frm = self.value(self.db, "SELECT date('%s', '-90 days')" % until)
        self.page_figure(
            'page_filtered', 'records list filtered: one committee (a '
            'director) + 90 days + category 入户走访', who['director'],
            ['--from', frm, '--to', until, '--category', 'visit'],
            '≤ 1.5× floor', count=True)

    def search(self):
        """What the records list does when text is searched for: the first
        page and the count of matches, through the full-text index; the
        floor does both with LIKE scans, and the results must agree."""
        log('Chinese text search …')
        words = [('common', '楼'), ('common', '走访'), ('common', '独居老'),
                 ('common', '入户走访独居老'), ('rare', '蜂'),
                 ('rare', '蜂窝'), ('rare', '马蜂窝'),
                 ('rare', '楼顶发现马蜂窝')]
        for kind, w in words:
            _, _, out, _ = run([self.core, 'page', INI, self.db, '-',
                                '--find', w, '--reps', str(self.runs)])
            r = json.loads(out)
            like = "(title LIKE '%%%s%%' OR details LIKE '%%%s%%')" % (w, w)
            page_sql = ('SELECT id FROM records WHERE %s ORDER BY id DESC'
                        ' LIMIT 20' % like)
            count_sql = 'SELECT count(*) FROM records WHERE %s' % like
            # The list counts up to CAP + 1 matches and shows "1,000+"
            # beyond; the floor counts the same way.
            capped_sql = ('SELECT count(*) FROM (SELECT 1 FROM records'
                          ' WHERE %s LIMIT %d)' % (like, COUNT_CAP + 1))
            ids = [int(x[0]) for x in self.sqlite(self.db, page_sql)]
            count = int(self.value(self.db, count_sql))
            runs = max(self.runs // 2, 2)
            f_page = self.shell_per_query(self.db, page_sql, runs=runs)
            f_count = self.shell_per_query(self.db, capped_sql, runs=runs)
            j_page, j_count = median(r['us']), median(r['count_us'])
            equal = ids == r['ids'] and \
                min(count, COUNT_CAP + 1) == r['count']
            self.add(id='search_%s_%d' % (kind, len(w)),
                     figure='search %d character%s, %s: %s (%d rows match): '
                     'first page + count' % (len(w), '' if len(w) == 1
                                             else 's', kind, w, count),
                     unit='ms', juwei=round((j_page + j_count) / 1000, 2),
                     floor=round((f_page + f_count) / 1000, 2),
                     goal='≤ 30 ms, equal',
                     floor_name="LIKE '%…%' scans: first page, count (capped alike)",
                     equal=equal,
                     note='results %s the scan; page %.2f ms, count %.2f ms '
                          '(scan: %.2f, %.2f)%s' % (
                              'equal to' if equal else 'DIFFER from',
                              j_page / 1000, j_count / 1000, f_page / 1000,
                              f_count / 1000,
                              '; the count stops at %d ("1,000+")' %
                              (COUNT_CAP + 1) if count > COUNT_CAP else ''))

    def report(self, commands):
        """report_monthly() of a district, as the report screen and the
        command build it; the floor runs every statement it ran, values
        in, in one sqlite3 shell."""
        log('monthly district report …')
        until = self.value(self.db, 'SELECT max(date) FROM records')
        month = self.value(self.db, "SELECT strftime('%%Y-%%m', '%s', "
                           "'start of month', '-1 month')" % until)
        district = self.value(self.db, 'SELECT id FROM districts ORDER BY id'
                              ' LIMIT 1')
        _, rc, out, err = run([self.core, 'report', INI, self.db, month,
                               district, str(self.runs)], check=False)
        if rc != 0:
            self.add(id='report', figure='monthly district report', unit='ms',
                     juwei=None, floor=None, goal='≤ 1.5× floor, < 300 ms',
                     pending='failed: ' + err.strip()[-200:])
            return
        r = json.loads(out)
        script = ';\n'.join(x.rstrip(';') for x in r['sql']) + ';\n'
        per = []
        for _ in range(self.runs):
            t_full = run(['sqlite3', '-bail', self.db],
                         input='.output /dev/null\n' + script)[0]
            t_base = run(['sqlite3', '-bail', self.db],
                         input='.output /dev/null\n')[0]
            per.append((t_full - t_base) * 1000)
        self.add(id='report', figure='monthly district report (%s, %s: 24 '
                 'committees)' % (month, district), unit='ms',
                 juwei=round(median(r['us']) / 1000, 1),
                 floor=round(median(per), 1),
                 floor_name="the report's %d statements, values in, sqlite3 "
                            "shell" % len(r['sql']),
                 goal='≤ 1.5× floor, < 300 ms', sql=r['sql'])

    def export(self, commands):
        log('export of the records to CSV …')
        out = os.path.join(self.tmp, 'export.csv')
        sql = ("SELECT r.id, r.date, c.name, s.name, r.category, r.title,"
               " r.details, r.hours FROM records r JOIN committees c"
               " ON c.id = r.committee_id LEFT JOIN staff s"
               " ON s.id = r.staff_id ORDER BY r.date, r.id")
        floor_t, floor_kb = [], []
        for _ in range(max(self.runs // 2, 2)):
            with open(out, 'w') as f:
                t, kb, rc, _ = run_rusage(['sqlite3', '-csv', '-header',
                                           self.db, sql], stdout=f)
            floor_t.append(t)
            floor_kb.append(kb)
        rows = int(self.value(self.db, 'SELECT count(*) FROM records'))
        juwei_t, juwei_kb, pending = [], [], None
        if 'export' in commands:
            for _ in range(max(self.runs // 2, 2)):
                if os.path.exists(out):
                    os.unlink(out)
                t, kb, rc, _ = run_rusage(
                    [self.juwei, '-c', INI, '-d', self.db, 'export',
                     'records', '--format', 'csv', '-o', out])
                if rc != 0:
                    pending = 'failed: `juwei export records --format csv` ' \
                              'exited %d' % rc
                    break
                juwei_t.append(t)
                juwei_kb.append(kb)
        else:
            pending = 'needs `juwei export` (exports, issue 8)'
        ok = bool(juwei_t) and pending is None
        self.add(id='export_time', figure='export of %d work records to CSV'
                 % rows, unit='s', juwei=round(median(juwei_t), 2) if ok
                 else None, floor=round(median(floor_t), 2), pending=pending,
                 floor_name='sqlite3 -csv of the same rows', goal='≤ 1.5× floor')
        self.add(id='export_rss', figure='export: peak RSS', unit='MB',
                 juwei=round(median(juwei_kb) / 1024, 1) if ok else None,
                 floor=round(median(floor_kb) / 1024, 1), pending=pending,
                 floor_name='sqlite3 -csv', goal='flat, ≤ 16 MB')
        os.unlink(out)

    # -------------------------------------------------------------- output

    def machine(self):
        def first(path, key):
            try:
                with open(path) as f:
                    for line in f:
                        if line.startswith(key):
                            return line.split(':', 1)[1].strip()
            except OSError:
                pass
            return None
        dev = subprocess.run(['df', '--output=source', DATA],
                             capture_output=True, text=True).stdout.split()
        dev = dev[-1] if dev else '?'
        base = re.sub(r'^/dev/', '', dev)
        base = re.sub(r'p?\d+$', '', base) if not base.startswith('vd') \
            else re.sub(r'\d+$', '', base)
        rot = None
        try:
            with open('/sys/block/%s/queue/rotational' % base) as f:
                rot = f.read().strip() == '1'
        except OSError:
            pass
        mem = first('/proc/meminfo', 'MemTotal')
        return {
            'nproc': os.cpu_count(),
            'cpu': first('/proc/cpuinfo', 'model name'),
            'memory': mem,
            'disk': '%s (%s)' % (dev, 'rotational' if rot else
                                 'non-rotational' if rot is not None
                                 else 'unknown'),
            'kernel': platform.release(),
            'sqlite': run(['sqlite3', '--version'])[2].split()[0],
            'load_before': os.getloadavg()[0],
        }

    def table(self):
        def num(x):
            if x is None:
                return '—'
            if isinstance(x, float):
                return '%.3g' % x if x < 100 else '%.0f' % x
            return str(x)
        rows = [('figure', 'unit', 'juwei', 'floor', 'ratio', 'goal')]
        for f in self.figures:
            j = ('pending' if f.get('pending') and f.get('juwei') is None
                 else num(f.get('juwei')))
            rows.append((f['figure'], f['unit'], j, num(f.get('floor')),
                         num(f.get('ratio')), f.get('goal', '')))
        widths = [max(len(r[i]) for r in rows) for i in range(1, 6)]
        lines = []
        for r in rows:
            lines.append(r[0])
            lines.append('    ' + '  '.join(r[i + 1].rjust(widths[i]) if i
                                            in (1, 2, 3) else
                                            r[i + 1].ljust(widths[i])
                                            for i in range(5)))
        for f in self.figures:
            extra = []
            if f.get('pending'):
                extra.append('%s: pending — %s' % (f['id'], f['pending']))
            if f.get('note'):
                extra.append('%s: %s' % (f['id'], f['note']))
            if extra:
                lines.append('  ' + '\n  '.join(extra))
        return '\n'.join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--build', default='build/bench')
    ap.add_argument('--scale', type=int, default=1000000)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--runs', type=int, default=5)
    ap.add_argument('--out', default=os.path.join(HERE, 'results',
                                                  'latest.json'))
    ap.add_argument('--quick', action='store_true',
                    help='a 20,000-record database and fewer runs, to try '
                         'the script; the JSON goes to bench/data/')
    args = ap.parse_args()
    if args.quick:
        args.scale, args.runs = 20000, 3
        args.out = os.path.join(DATA, 'quick.json')
    t0 = time.monotonic()
    b = Bench(args)
    machine = b.machine()
    try:
        b.ensure_db()
        commands = b.commands()
        b.demo_figure()
        b.startup()
        b.screen_bytes()
        b.durable_save()
        b.bulk_import(commands)
        b.list_pages()
        b.search()
        b.report(commands)
        b.export(commands)
    finally:
        shutil.rmtree(b.tmp, ignore_errors=True)
        for suffix in ('', '-wal', '-shm'):
            if os.path.exists(b.scratch + suffix):
                os.unlink(b.scratch + suffix)
    result = {
        'date': time.strftime('%Y-%m-%d %H:%M %Z'),
        'machine': machine,
        'dataset': dict(b.meta, db_bytes=os.path.getsize(b.db),
                        file=os.path.relpath(b.db, TOP)),
        'runs': args.runs,
        'seconds': round(time.monotonic() - t0),
        'figures': b.figures,
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, 'w', encoding='utf-8') as f:
        json.dump(result, f, indent=1, ensure_ascii=False)
        f.write('\n')
    print('juwei benchmark — %s, %s × %s, %s' % (
        result['date'], machine['nproc'], machine['cpu'], machine['disk']))
    print('database: %s (%.0f MB), built by juwei demo in %.1f s' % (
        result['dataset']['file'], result['dataset']['db_bytes'] / 1e6,
        b.meta.get('build_seconds', 0)))
    print('each figure the median of several runs; ratio = juwei / floor\n')
    print(b.table())
    print('\nwritten to %s in %d s' % (os.path.relpath(args.out, TOP),
                                       result['seconds']))


if __name__ == '__main__':
    main()
