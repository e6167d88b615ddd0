from django.apps import AppConfig


class AdvisoriesConfig(AppConfig):
    name = "advisories"
    verbose_name = "Media advisories"

    def ready(self):
        # Registers the rows a story's page and a room's query carry (press.models.story_rows):
        # an advisory's event and the Upcoming list cost those pages no query. Imported here, as
        # the rows need the models, which are ready only now.
        from advisories.rows import register_rows

        register_rows()
