"""What the site branding form posts: CIPC's branding as the tests give it, with ``overrides``."""


def branding_form_data(**overrides):
    return {
        "name": "California Immigrant Policy Center",
        "tagline": "",
        "banner_alt_text": "",
        "typeface": "merriweather",
        "primary_colour": "#1d4f91",
        "accent_colour": "#a4262c",
        "tint_colour": "#f4f5f7",
        "footer_text": '{"blocks": [], "entityMap": {}}',
        "contact_email": "",
        "contact_phone": "",
        "social_links-count": "0",
        "texts-TOTAL_FORMS": "0",  # the tagline and footer in other languages: none
        "texts-INITIAL_FORMS": "0",
        "texts-MIN_NUM_FORMS": "0",
        "texts-MAX_NUM_FORMS": "1000",
        **overrides,
    }
