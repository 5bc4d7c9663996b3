from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projekte")

    def ready(self) -> None:
        # What an adopted steering-circle resolution does to a project or a sponsorship.
        from projects.steering import register_steering_effects

        register_steering_effects()
