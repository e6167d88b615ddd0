from django.urls import path

from releases_out import views, webhooks

app_name = "releases_out"
urlpatterns = [
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("click/<str:token>/", views.click, name="click"),
    path("webhooks/<slug:provider>/tracking/", webhooks.tracking_webhook, name="tracking_webhook"),
]
