from django.urls import path

from embargo import views

app_name = "embargo"
urlpatterns = [
    path("<str:token>/", views.embargoed_page, name="preview"),
]
