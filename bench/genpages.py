#!/usr/bin/env python3
"""Writes N government-like pages (~35 KB) for round 1 or round 2 of the benchmark.

Each page has a long navigation, a <main> with lists, a fee table and paragraphs in Albanian and
Serbian, and a sidebar and footer that nginx's SSI fills with the request id, so that they change on
every fetch. In round 2, pages with i % 10 == 0 really change inside <main> (a fee), and pages with
i % 10 in (1, 2, 3) change only outside it (a news item in the sidebar).
usage: genpages.py N DIR ROUND
"""
import os
import random
import sys

SQ = ["Kërkesa për leje-qëndrim të përkohshëm paraqitet në Departamentin për Shtetësi, Azil dhe Migrim.",
      "I huaji duhet të ketë sigurim shëndetësor për tërë kohëzgjatjen e qëndrimit në Republikën e Kosovës.",
      "Leja lëshohet për një periudhë deri në një vit dhe mund të vazhdohet me kërkesë të palës.",
      "Dokumentet duhet të jenë origjinale ose kopje të noterizuara, të përkthyera në gjuhën shqipe."]
SR = ["Zahtev za odobrenje privremenog boravka podnosi se nadležnoj policijskoj upravi prema mestu boravka.",
      "Stranac je dužan da prijavi boravište u roku od 24 časa od ulaska u Republiku Srbiju.",
      "Захтев за продужење привременог боравка подноси се најраније три месеца пре истека одобреног боравка.",
      "Republička administrativna taksa plaća se prema tarifi koja važi na dan podnošenja zahteva."]


def page(i, rnd):
    r = random.Random(i)
    fee = 50 + (i % 7) * 10 + (10 if rnd == 2 and i % 10 == 0 else 0)
    news = "Lajm i ri: orari i ri i punës" if rnd == 2 and i % 10 in (1, 2, 3) else "Njoftim: orari i punës"
    nav = "".join(f'<li><a href="/p/{j}.html">Shërbimi {j} · Usluga {j}</a></li>' for j in range(r.randint(240, 260)))
    items = "".join(f"<li>{r.choice(SQ)}</li><li>{r.choice(SR)}</li>" for _ in range(12))
    rows = "".join(f"<tr><td>Taksa {k}</td><td>{fee + k} €</td><td>{(fee + k) * 117},00 dinara</td></tr>" for k in range(6))
    paras = "".join(f"<p>{r.choice(SQ)} {r.choice(SR)} {r.choice(SQ)}</p>" for _ in range(34))
    return f"""<!DOCTYPE html><html lang="sq"><head><meta charset="utf-8"><title>Faqja {i}</title>
<link rel="stylesheet" href="/style.css"><script>var page = {i};</script></head><body>
<header><h1>Ministria e Punëve të Brendshme</h1><nav><ul>{nav}</ul></nav></header>
<aside><h2>Lajme</h2><p>{news}</p><p>Vizita: <!--# echo var="request_id" --></p></aside>
<main><h1>Leje-qëndrim {i}</h1><p>Taksa për aplikim është {fee} €.</p><ol>{items}</ol>
<table><tr><th>Shërbimi</th><th>Euro</th><th>Dinara</th></tr>{rows}</table>{paras}</main>
<footer><p>Gjeneruar: <!--# echo var="msec" --> · <!--# echo var="request_id" --></p></footer></body></html>
"""


def main():
    n, out, rnd = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    os.makedirs(os.path.join(out, "p"), exist_ok=True)
    for i in range(n):
        with open(os.path.join(out, "p", f"{i}.html"), "w", encoding="utf-8") as f:
            f.write(page(i, rnd))
    with open(os.path.join(out, "control.html"), "w", encoding="utf-8") as f:
        f.write("<html><body><main><p>Sigurimin shëndetësor;</p></main></body></html>\n")


if __name__ == "__main__":
    main()
