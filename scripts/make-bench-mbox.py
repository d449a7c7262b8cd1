#!/usr/bin/env python3
"""Write a synthetic mbox of N messages for the intake benchmark: make-bench-mbox.py N OUT.

Requests in Uzbek (Latin and Cyrillic), Russian and English asking for the six rights, in the
charsets the intake supports (UTF-8, windows-1251, KOI8-R, ISO-8859-1/-5/-15), with 8bit,
quoted-printable and base64 bodies, some multipart/alternative with HTML, some replies naming a
reference such as DSAR-2026-000123, some newsletters. Deterministic for a given N (seeded).
Senders are invented, on example.* domains. Python 3 standard library only.
"""
import base64
import quopri
import random
import sys
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone

REQUESTS = {
    "uz": {
        "access": "Assalomu alaykum! Men haqimda qanday shaxsga doir ma'lumotlar saqlanayotganini bilmoqchiman. Iltimos, ularning nusxasini yuboring.",
        "rectification": "Assalomu alaykum! Mening shaxsga doir ma'lumotlarim noto'g'ri, iltimos, ularni tuzating: telefon raqamim o'zgargan.",
        "erasure": "Assalomu alaykum! Iltimos, mening shaxsga doir ma'lumotlarimni o'chirib tashlang, hisobimni ham yoping.",
        "restriction": "Assalomu alaykum! Iltimos, ma'lumotlarimga ishlov berishni cheklang, tekshiruv tugaguncha.",
        "portability": "Assalomu alaykum! Ma'lumotlarimni mashinada o'qiladigan formatda boshqa kompaniyaga o'tkazish uchun bering.",
        "objection": "Assalomu alaykum! Ma'lumotlarimni marketing maqsadida ishlatishingizga e'tiroz bildiraman, reklama yubormang.",
    },
    "uz-Cyrl": {
        "access": "Ассалому алайкум! Мен ҳақимда қандай шахсга доир маълумотлар сақланаётганини билмоқчиман. Илтимос, нусхасини юборинг.",
        "rectification": "Ассалому алайкум! Шахсга доир маълумотларим нотўғри, илтимос, уларни тузатинг.",
        "erasure": "Ассалому алайкум! Илтимос, шахсга доир маълумотларимни ўчириб ташланг.",
        "restriction": "Ассалому алайкум! Илтимос, маълумотларимга ишлов беришни чекланг.",
        "portability": "Ассалому алайкум! Маълумотларимни машинада ўқиладиган форматда беринг, бошқа ташкилотга ўтказмоқчиман.",
        "objection": "Ассалому алайкум! Маълумотларимни маркетинг мақсадида ишлатишингизга эътироз билдираман.",
    },
    "ru": {
        "access": "Здравствуйте! Прошу предоставить сведения о том, какие мои персональные данные вы обрабатываете, и их копию.",
        "rectification": "Здравствуйте! Прошу исправить мои персональные данные: у меня изменился номер телефона.",
        "erasure": "Здравствуйте! Прошу удалить мои персональные данные и закрыть мою учётную запись.",
        "restriction": "Здравствуйте! Прошу ограничить обработку моих персональных данных до окончания проверки.",
        "portability": "Здравствуйте! Прошу передать мои данные в машиночитаемом формате для переноса к другому оператору.",
        "objection": "Здравствуйте! Возражаю против обработки моих персональных данных в маркетинговых целях.",
    },
    "en": {
        "access": "Hello, I would like to know what personal data you hold about me and receive a copy of it (subject access request).",
        "rectification": "Hello, my personal data is inaccurate; please correct it, my phone number has changed.",
        "erasure": "Hello, please delete my personal data and close my account (right to erasure).",
        "restriction": "Hello, please restrict the processing of my personal data until the review is finished.",
        "portability": "Hello, please send my data in a machine-readable format so I can move it to another provider (data portability).",
        "objection": "Hello, I object to the processing of my personal data for direct marketing; please stop sending offers.",
    },
}
SUBJECTS = {"uz": "Shaxsga doir ma'lumotlar bo'yicha so'rov", "uz-Cyrl": "Шахсга доир маълумотлар бўйича сўров",
            "ru": "Запрос по персональным данным", "en": "Request about my personal data"}
REPLIES = {"uz": "Rahmat, pasportim nusxasini ilova qildim.", "uz-Cyrl": "Раҳмат, паспортим нусхасини илова қилдим.",
           "ru": "Спасибо, прикладываю копию паспорта.", "en": "Thank you, I attach a copy of my passport."}
NAMES = {"uz": ["Dilnoza Karimova", "Aziz Toshmatov", "Malika Rahimova", "Sardor Yusupov"],
         "uz-Cyrl": ["Дилноза Каримова", "Азиз Тошматов", "Малика Раҳимова", "Сардор Юсупов"],
         "ru": ["Анна Иванова", "Сергей Петров", "Ольга Смирнова", "Дмитрий Кузнецов"],
         "en": ["Alice Smith", "Brian Jones", "Clara Taylor", "David Brown"]}
DOMAINS = {"uz": "example.uz", "uz-Cyrl": "example.uz", "ru": "example.ru", "en": "example.com"}
# Charsets each language can be written in, besides UTF-8.
CHARSETS = {"uz": ["utf-8", "iso-8859-1", "iso-8859-15"], "uz-Cyrl": ["utf-8"],
            "ru": ["utf-8", "windows-1251", "koi8-r", "iso-8859-5"], "en": ["utf-8", "iso-8859-1", "iso-8859-15"]}
RIGHTS = ["access", "rectification", "erasure", "restriction", "portability", "objection"]
LANGS = ["uz", "uz", "ru", "ru", "en", "uz-Cyrl"]


def encode_header(text, charset):
    try:
        text.encode("ascii")
        return text
    except UnicodeEncodeError:
        return "=?utf-8?B?" + base64.b64encode(text.encode("utf-8")).decode("ascii") + "?="


def body_part(text, content_type, charset, transfer):
    raw = text.encode(charset, errors="replace")
    if transfer == "base64":
        encoded = base64.encodebytes(raw).rstrip()
    elif transfer == "quoted-printable":
        encoded = quopri.encodestring(raw).rstrip()
    else:
        encoded = raw.rstrip()
    head = f"Content-Type: {content_type}; charset={charset}\nContent-Transfer-Encoding: {transfer}\n\n"
    return head.encode("ascii") + encoded + b"\n"


def message(i, rng, start, step):
    lang = rng.choice(LANGS)
    name = rng.choice(NAMES[lang])
    email = f"user{i}@{DOMAINS[lang]}"
    sent = start + timedelta(seconds=i * step + rng.randrange(step))
    charset = rng.choice(CHARSETS[lang])
    transfer = rng.choice(["8bit", "quoted-printable", "base64"])
    kind = rng.random()
    headers = [f"From: {encode_header(name, charset)} <{email}>", "To: dpo@example.org",
               f"Date: {format_datetime(sent)}", f"Message-ID: <bench-{i}@{DOMAINS[lang]}>", "MIME-Version: 1.0"]
    if kind < 0.07:  # a newsletter
        headers[0] = "From: Weekly Offers <news@example.net>"
        headers += ["Subject: Our weekly offers", "List-Unsubscribe: <mailto:unsubscribe@example.net>", "Precedence: bulk"]
        text = "This week's offers: discounts on everything. Unsubscribe at any time."
    elif kind < 0.17:  # a reply naming a reference
        reference = f"DSAR-2026-{rng.randrange(1, 200000):06d}"
        headers.append(f"Subject: {encode_header('Re: ' + reference + ' ' + SUBJECTS[lang], charset)}")
        text = REPLIES[lang] + f"\n\n{reference}"
    else:
        rights = rng.sample(RIGHTS, 2) if rng.random() < 0.1 else [rng.choice(RIGHTS)]
        headers.append(f"Subject: {encode_header(SUBJECTS[lang], charset)}")
        text = "\n\n".join(REQUESTS[lang][r] for r in rights) + f"\n\n{name}"
    if rng.random() < 0.2:  # multipart/alternative with HTML
        boundary = f"=_bench_{i}"
        html = "<html><body><p>" + text.replace("\n\n", "</p><p>") + "</p></body></html>"
        body = (f"Content-Type: multipart/alternative; boundary=\"{boundary}\"\n\n--{boundary}\n".encode("ascii")
                + body_part(text, "text/plain", charset, transfer) + f"--{boundary}\n".encode("ascii")
                + body_part(html, "text/html", charset, transfer) + f"--{boundary}--\n".encode("ascii"))
    else:
        body = body_part(text, "text/plain", charset, transfer)
    envelope = f"From {email} {sent.strftime('%a %b %d %H:%M:%S %Y')}\n"
    # The texts never start a line with "From ", so no mboxrd quoting is needed.
    return envelope.encode("ascii") + ("\n".join(headers) + "\n").encode("ascii") + body + b"\n"


def main():
    if len(sys.argv) != 3 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        sys.stderr.write("usage: make-bench-mbox.py N OUT  (N a positive whole number)\n")
        return 2
    count, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(20260547 + count)
    start = datetime(2026, 1, 5, 9, 0, tzinfo=timezone(timedelta(hours=5)))
    # All dates within 300 days of the start, so none lies in the future of a 2026 desk.
    step = max(1, min(600, 300 * 86400 // count))
    with open(out, "wb") as handle:
        for i in range(count):
            handle.write(message(i, rng, start, step))
    return 0


if __name__ == "__main__":
    sys.exit(main())
