"""Shared by the benchmarks in tests/bench (not a test): a lab of the benchmarks' own, the exported apps,
round-robin timing of whole processes with their peak memory, and the tables of medians and ratios.

The benchmarks' lab has its own folders and ports (SMBKIT_BENCH_LAB_DIR, default /tmp/smbkit-bench; test
server 4460, KB server 4461, SMB1 server 127.0.0.140:4462), so it never meets the tests' labs or the
default one. Commands are timed in rounds (each command once per round, in turn), so that a machine
whose load changes during the run slows every command alike and the ratios stay honest."""
import os
import shutil
import statistics
import subprocess
import sys
import time

sys.stdout.reconfigure(line_buffering=True)  # progress shows as it comes, piped or not

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
AUTH = os.path.join(REPO, 'tests/lab/admin.auth')
PYTHON = '/usr/bin/python3'  # Debian's, where python3-impacket is installed
JDK25 = '/usr/lib/jvm/temurin-25-jdk-amd64/bin/java'

LAB_ENV = {
    'SMBKIT_LAB_DIR': os.environ.get('SMBKIT_BENCH_LAB_DIR', '/tmp/smbkit-bench'),
    'SMBKIT_LAB_PORT': os.environ.get('SMBKIT_BENCH_LAB_PORT', '4460'),
    'SMBKIT_LAB_KB_PORT': os.environ.get('SMBKIT_BENCH_LAB_KB_PORT', '4461'),
    'SMBKIT_LAB_SMB1_PORT': os.environ.get('SMBKIT_BENCH_LAB_SMB1_PORT', '4462'),
    'SMBKIT_LAB_SMB1_ADDRESS': os.environ.get('SMBKIT_BENCH_LAB_SMB1_ADDRESS', '127.0.0.140'),
    'SMBKIT_LAB_SMB1_NETBIOS': 'no',
}
MAIN_PORT = LAB_ENV['SMBKIT_LAB_PORT']
KB = '127.0.0.1:' + LAB_ENV['SMBKIT_LAB_KB_PORT']
SMB1 = LAB_ENV['SMBKIT_LAB_SMB1_ADDRESS'] + ':' + LAB_ENV['SMBKIT_LAB_SMB1_PORT']


_lab_was_up = None


def lab(*args):
    """tests/lab/lab ARGS on the benchmarks' own lab. A lab this benchmark started is stopped when it ends
    (SMBKIT_BENCH_KEEP_LAB=1 keeps it, for the next benchmark: the KB scenario takes 90 s to age)."""
    global _lab_was_up
    env = dict(os.environ, **LAB_ENV)
    script = os.path.join(REPO, 'tests/lab/lab')
    if _lab_was_up is None:
        _lab_was_up = subprocess.run([script, 'status'], env=env, stderr=subprocess.STDOUT,
                                     stdout=subprocess.PIPE, text=True).stdout
        if not os.environ.get('SMBKIT_BENCH_KEEP_LAB'):
            import atexit
            atexit.register(_lab_restore, script, env)
    subprocess.run([script] + list(args), check=True, env=env)


def _lab_restore(script, env):
    """Stops the lab if it was down (every instance) when the benchmark began."""
    if ' is up ' not in _lab_was_up:
        subprocess.run([script, 'down'], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _newest_source():
    newest = os.path.getmtime(os.path.join(REPO, 'tests/pom.xml'))
    for top in ('lib', 'scripts', 'tests/bench/export-app', 'jbang-catalog.json'):
        path = os.path.join(REPO, top)
        if os.path.isfile(path):
            newest = max(newest, os.path.getmtime(path))
        for d, _, files in os.walk(path):
            for f in files:
                newest = max(newest, os.path.getmtime(os.path.join(d, f)))
    return newest


def export(dest, java=None, jar=None):
    """The exported app in DEST (tests/bench/export-app), for JAVA (default: java on the PATH), from JAR when
    given. An export newer than every source is kept (SMBKIT_BENCH_REBUILD=1 forces a new one)."""
    env = dict(os.environ)
    if java:
        env['SMBKIT_JAVA'] = java
    if jar:
        env['SMBKIT_APP_JAR'] = jar
    made = os.path.join(dest, 'smbkit-app.jar')
    launcher = os.path.join(dest, 'bin/smb-sessions')
    fresh = False
    if os.path.exists(made) and os.path.exists(launcher) and not os.environ.get('SMBKIT_BENCH_REBUILD'):
        with open(launcher) as f:
            f.readline()
            exported_for = f.readline()  # "# smbkit ALIAS (exported by tests/bench/export-app for JAVA, Java N)"
        fresh = os.path.getmtime(made) > _newest_source() and (' for %s,' % (java or shutil.which('java'))) in exported_for
    if not fresh:
        subprocess.run([os.path.join(REPO, 'tests/bench/export-app'), dest], check=True, env=env,
                       stdout=subprocess.DEVNULL)
    return os.path.join(dest, 'bin')


def have_jdk25():
    return os.access(JDK25, os.X_OK)


def run(cmd, ok=(0,), env=None):
    """Runs CMD (a list, or a function running a sequence of processes); returns (seconds, stdout)."""
    if callable(cmd):
        t = time.perf_counter()
        cmd()
        return time.perf_counter() - t, ''
    t = time.perf_counter()
    r = subprocess.run(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - t
    if r.returncode not in ok:
        sys.exit('failed (%d): %s\n%s' % (r.returncode, ' '.join(cmd), r.stderr[-2000:]))
    return elapsed, r.stdout


def rss_of(cmd, env=None):
    """The peak RSS (KiB) of one run of CMD, measured by GNU time's %M (the process itself, exec'd or not)."""
    r = subprocess.run(['/usr/bin/time', '-f', 'maxrss=%M'] + cmd, cwd=REPO, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in r.stderr.splitlines()[::-1]:
        if line.startswith('maxrss='):
            return int(line[7:])
    return 0


def rounds(rows, runs, warmup=1):
    """rows: [(name, cmd, ok)]. Every command runs WARMUP times, then RUNS rounds of each once in turn.
    Returns [(name, median, min, max)]."""
    for _, cmd, ok in rows:
        for _ in range(warmup):
            run(cmd, ok)
    times = {name: [] for name, _, _ in rows}
    for _ in range(runs):
        for name, cmd, ok in rows:
            times[name].append(run(cmd, ok)[0])
    return [(name, statistics.median(times[name]), min(times[name]), max(times[name])) for name, _, _ in rows]


def table(title, results, anchors, extra=None):
    """Prints RESULTS with their ratio to each anchor (name -> the row name whose median it divides by)."""
    print()
    print(title)
    print('(load average %.1f %.1f %.1f on %d cores: other work on the machine slows every command alike)'
          % (os.getloadavg() + (os.cpu_count(),)))
    by = {name: med for name, med, _, _ in results}
    head = '%-64s %8s %8s %8s' % ('command', 'median', 'min', 'max')
    for label in anchors:
        head += ' %14s' % ('x ' + label)
    if extra:
        head += ' %10s' % extra[0]
    print(head)
    for name, med, lo, hi in results:
        line = '%-64s %8.3f %8.3f %8.3f' % (name[:64], med, lo, hi)
        for label, anchor in anchors.items():
            line += ' %14.2f' % (med / by[anchor])
        if extra:
            line += ' %10s' % extra[1].get(name, '')
        print(line)
    return by


def ratio(label, value, goal=None, at_most=True):
    """One ratio line, with the goal and whether it is met."""
    verdict = ''
    if goal is not None:
        met = value <= goal if at_most else value >= goal
        verdict = '  (goal %s %.2fx: %s)' % ('<=' if at_most else '>=', goal, 'met' if met else 'NOT met')
    print('RATIO %-70s %8.2fx%s' % (label, value, verdict))
