"""The request bodies the malformed-request sweep (test_malformed_requests) posts raw to each
form: sign-ups, interview requests, RSVPs, sign-ins. Each must get a form error, a 4xx or the
form's usual answer; never a 5xx."""

from datetime import date, timedelta

# Email-alert sign-ups (POST /alerts/), sent raw: a clear 400 or 429, never a 5xx.
SIGNUP_BODIES = [
    "",
    "email=",
    "email=%00",
    "email=a%40b.org%0D%0ABcc%3A+c%40d.org",
    "email=%FF%FE%40example.org",
    "email=%ED%A0%80%40example.org",
    "email=" + "e" * 100_000 + "%40example.org",
    "email=a%40example.org&category=%00&topic=%FF",
    "email=a%40example.org&topic=" + "&topic=".join(["t"] * 500),
    "email[]=a%40example.org",
    "email=a%40example.org&email=b%40example.org",
    "email=v%40%5B127.0.0.1%5D",  # mail to an IP literal or a dotless host: a form error
    "email=v%40%5BIPv6%3A%3A%3A1%5D",
    "email=v%40localhost",
]

# Interview requests (POST /interview/send/), sent raw: a form error (400), a 429, or the thanks
# page; never a 5xx.
SOON = f"{date.today() + timedelta(days=30):%Y-%m-%d}T17%3A00"  # a deadline the form accepts
INTERVIEW_FIELDS = f"name=Sam+Sample&outlet=Example+Ledger&email=sam%40example.net&deadline={SOON}"
INTERVIEW_BODIES = [
    "",
    INTERVIEW_FIELDS,
    INTERVIEW_FIELDS.replace("sam%40example.net", "%00"),
    INTERVIEW_FIELDS + "&email=a%40b.org%0D%0ABcc%3A+c%40d.org",
    INTERVIEW_FIELDS.replace(SOON, "%FF%FE"),
    INTERVIEW_FIELDS.replace(SOON, "99999-99-99T99%3A99"),
    INTERVIEW_FIELDS.replace(SOON, "%D9%A2%D9%A0%D9%A2%D9%A7-01-01T17%3A00"),
    INTERVIEW_FIELDS.replace(SOON, "9999-12-31T23%3A59"),
    INTERVIEW_FIELDS.replace(SOON, "0001-01-01T00%3A00"),
    INTERVIEW_FIELDS + "&story=" + "9" * 40,
    INTERVIEW_FIELDS + "&story=%ED%A0%80&language=%00&phone=%FF",
    INTERVIEW_FIELDS + "&message=" + "m" * 100_000,
    INTERVIEW_FIELDS + "&name[]=a&outlet=%00",
    INTERVIEW_FIELDS + "&website=http%3A%2F%2Fspam.example.net",
    "name=" + "n" * 100_000,
]
# RSVPs to a media advisory (POST /advisories/<id>/rsvp/), sent raw: a clear 400 or 429 (or the
# honeypot's usual thanks), never a 5xx.
RSVP_BODIES = [
    "",
    "name=&outlet=&email=",
    "name=%00&outlet=%00&email=%00",
    "name=Sample&outlet=Sample&email=a%40b.org%0D%0ABcc%3A+c%40d.org",
    "name=%FF%FE&outlet=%ED%A0%80&email=%FF%40example.org",
    "name=" + "n" * 100_000 + "&outlet=Sample&email=a%40example.org",
    "name[]=a&outlet[0]=b&email[a]=c",
    "name=a&name=b&outlet=c&email=a%40example.org&email=b%40example.org",
    "name=Sample&outlet=Sample&email=v%40%5B127.0.0.1%5D",
    "name=Sample&outlet=Sample&email=a%40example.org&website=http%3A%2F%2Fspam.example.net",
]
# Ids that are no story's: a 404, not a database error.
ADVISORY_IDS = ["0", "-1", "9" * 9, "9" * 40, "%C2%B2", "1%00", "{cipc_home}"]

# Sign-in bodies, sent raw as application/x-www-form-urlencoded (or as a stated type).
LOGIN_BODIES = {
    "no fields": "",
    "only username": "username=cipc-editor",
    "only password": "password=x",
    "empty fields": "username=&password=",
    "NUL username": "username=cipc%00editor&password=x",
    "NUL password": "username=cipc-editor&password=%00",
    "FF bytes": "username=%FF%FE&password=%FF",
    "overlong": "username=%C0%AF&password=%E0%80%AF",
    "lone surrogate": "username=%ED%A0%80&password=%ED%A0%80",
    "huge username": "username=" + "u" * 100_000 + "&password=x",
    "huge password": "username=cipc-editor&password=" + "p" * 100_000,
    "repeated keys": "username=a&username=b&password=x&password=y",
    "arrays": "username[]=a&username[]=b&password[]=x",
    "next NUL": "username=a&password=b&next=%00",
    "next elsewhere": "username=a&password=b&next=https%3A%2F%2Fevil.example%2F",
    "remember garbage": "username=a&password=b&remember=%FF",
}
LOGIN_RAW = {
    "JSON body": ("application/json", '{"username": ["a"], "password": {"$ne": null}}'),
    "broken multipart": ("multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data\r\n\r\nx"),
    "multipart no boundary": ("multipart/form-data", "username=a"),
    "binary": ("application/x-www-form-urlencoded", b"\xff\xfe\x00username=\xc0\xaf"),
}
