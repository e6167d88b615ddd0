from django.apps import AppConfig


class AdvisoriesConfig(AppConfig):
    name = "advisories"
    verbose_name = "Media advisories"

    def ready(self):
        # A story's page carries its event, and a room's query its Upcoming list: no query
        # more for either page (press.models.story_rows; models are ready by now).
        from advisories.rows import advisory_row, upcoming_rows
        from press.models.story_rows import room_rows, story_page_rows

        story_page_rows["advisory_row"] = advisory_row
        room_rows["upcoming_rows"] = upcoming_rows
