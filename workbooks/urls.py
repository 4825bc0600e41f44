from django.urls import path

from . import views, views_weekly

app_name = "workbooks"

urlpatterns = [
    path("register/", views.register, name="register"),
    path("register/export.xlsx", views.register_export, name="register_export"),
    path("register/template.xlsx", views.template_download, name="template"),
    path("register/targets/", views.targets, name="targets"),
    path("register/imports/<int:pk>/", views.run_detail, name="run"),
    path("register/imports/<int:pk>/progress.json", views.run_progress, name="run_progress"),
    path("register/imports/<int:pk>/mapping/", views.run_mapping, name="run_mapping"),
    path("register/imports/<int:pk>/template/", views.run_template, name="run_template"),
    path("register/imports/<int:pk>/confirm/", views.run_confirm, name="run_confirm"),
    path("register/imports/<int:pk>/undo/", views.run_undo, name="run_undo"),
    path("register/imports/<int:pk>/file/", views.run_file, name="run_file"),
    path("week/sheet.xlsx", views_weekly.sheet_download, name="weekly_download"),
    path("week/sheet/", views_weekly.sheet_upload, name="weekly_upload"),
]
