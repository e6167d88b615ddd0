"""`make bench`'s table and goals, printed from what harness.bench measured."""

import statistics

CONNECTIONS = 16
PAGES = ("press room", "story page", "search", "feed", "home")


def line(goal, value, met):
    print(f"{goal:<52}{value:<30}{'met' if met else 'NOT MET'}")


def print_report(rows, *, rounds, seconds, html_size, names, fresh, storm, after, profile, memory):
    by_name = {row.name: row for row in rows}
    nginx = by_name["same HTML file, nginx"].rps
    stock = by_name["stock Wagtail page (wagtail start)"].rps
    small, large = names
    print()
    print(
        f"make bench: {rounds} rounds of {seconds} s bursts per row, round robin; {CONNECTIONS} connections per row "
        f"(two app servers: 8 each); press room HTML {html_size / 1024:.0f} KiB"
    )
    print("Rows named by a size: straight at the two app servers, every request a distinct address.")
    header = f"{'row':<38}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'vs nginx':>10}{'vs stock':>10}"
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row.name:<38}{row.rps:>9.0f}{row.p50:>9.2f}{row.p99:>9.2f}{row.errors:>8}"
            f"{row.rps / nginx:>9.3f}x{row.rps / stock:>9.2f}x"
        )
    print()
    cached = by_name["press room, Varnish cache (HIT)"].rps / nginx
    pairs = [(by_name[f"{page}, {small}"], by_name[f"{page}, {large}"]) for page in PAGES]
    busting = [row.rps / stock for pair in pairs for row in pair]
    growth = [big.rps / little.rps for little, big in pairs]
    fresh_paths, never, publish = fresh
    worst = max(fresh_paths.values()) if fresh_paths else float("inf")
    line("cached press room >= 0.5x nginx", f"{cached:.2f}x", cached >= 0.5)
    line("cache-busting pages >= 1.0x stock Wagtail", f"{min(busting):.2f}x to {max(busting):.2f}x", min(busting) >= 1)
    line(f"each page at {large} within 20% of {small}", f"{min(growth):.2f}x to {max(growth):.2f}x", min(growth) >= 0.8)
    storm_ok = storm["errors"] == 0 and storm["p99"] < 50
    line("publish storm: 0 errors, p99 < 50 ms", f"{storm['errors']} errors, p99 {storm['p99']:.1f} ms", storm_ok)
    storm_fresh = storm["worst_fresh"] <= 1.0 and not storm["never_fresh"]
    line("publish storm: every address fresh within 1 s", f"max {storm['worst_fresh'] * 1000:.0f} ms", storm_fresh)
    slowest = max((max(page["ms"]) for page in after), default=float("inf"))
    line(f"first request after a publish < 100 ms ({large})", f"max {slowest:.0f} ms", slowest < 100)
    line("purge to fresh <= 1 s on every path", f"max {worst * 1000:.0f} ms", worst <= 1.0 and not never)
    print()
    print(
        f"publish storm: {storm['publishes']} publishes, one every 2 s, while 16 connections read the press room, "
        f"a story and the feed through Varnish for {storm['seconds']} s: {storm['requests'] / storm['seconds']:.0f} "
        f"req/s, p50 {storm['p50']:.2f} ms, p99 {storm['p99']:.2f} ms, {storm['errors']} errors; "
        f"{storm['never_fresh']} address(es) never fresh within 10 s"
    )
    print()
    print(f"first request after a publish, {large} stories, one visitor, in-process ({len(after[0]['ms'])} publishes):")
    print(f"  {'page':<24}{'p50 ms':>9}{'max ms':>9}{'queries':>9}  status  address")
    for page in after:
        queries = f"{min(page['queries'])}-{max(page['queries'])}"
        print(
            f"  {page['page']:<24}{statistics.median(page['ms']):>9.1f}{max(page['ms']):>9.1f}{queries:>9}"
            f"  {','.join(map(str, page['status'])):<6}  {page['path']}"
        )
    print()
    print(
        "purge to fresh: publish() returned (its purge sent on commit) -> the change visible through Varnish, "
        "every path polled at once, worst of the publishes"
    )
    print(f"  (publish() itself, revision + publish + purge, took up to {publish * 1000:.0f} ms)")
    for path, value in fresh_paths.items():
        print(f"  {path:<40}{value * 1000:>8.0f} ms")
    for path in never:
        print(f"  {path:<40}  never fresh within 10 s")
    print()
    print_memory(memory)
    print()
    print("profile of the story page's first request after a publish (cProfile, by cumulative time):")
    print(profile)


def print_memory(memory):
    """Each app-server worker's resident memory as requests went by, recycling off
    (GUNICORN_MAX_REQUESTS=0): flat means nothing leaks and recycling is not needed."""
    print("memory per app-server worker (VmRSS MiB), worker recycling off, after N requests to the app servers:")
    pids = sorted({pid for _requests, sample in memory for pid in sample})
    print("  " + f"{'requests':>10}" + "".join(f"{pid:>9}" for pid in pids))
    for requests, sample in memory:
        cells = "".join(f"{sample[pid] / 1024:>9.0f}" if sample.get(pid) else f"{'-':>9}" for pid in pids)
        print("  " + f"{requests:>10}" + cells)
    first, last = memory[0][1], memory[-1][1]
    growth = [(last[pid] - first[pid]) / 1024 for pid in pids if first.get(pid) and last.get(pid)]
    if growth:
        print(f"  growth over the run: {min(growth):.1f} to {max(growth):.1f} MiB a worker")
