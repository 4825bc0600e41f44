"""Print the demo accounts, one per role. Exits non-zero when no user exists yet."""

from django.core.management.base import BaseCommand, CommandError

from accounts.choices import Role
from accounts.models import User
from demo.data import DEMO_PASSWORD


class Command(BaseCommand):
    help = "打印演示账号（每个角色的登录名）"

    def handle(self, *args, **options):
        users = User.objects.filter(is_active=True).select_related("unit", "leader")
        if not users.exists():
            raise CommandError("尚无用户：请先运行 manage.py seed_demo")
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        order = [
            Role.ADMIN,
            Role.SECURITY,
            Role.AUDITOR,
            Role.SUPERVISOR,
            Role.MANAGER,
            Role.LEADER,
            Role.REPORTER,
            Role.HANDLER,
        ]
        for role in order:
            shown = list(users.filter(role=role).order_by("username")[:3])
            more = users.filter(role=role).count() - len(shown)
            for user in shown:
                where = user.unit or user.leader or ""
                self.stdout.write(f"  {role.label:<22} {user.username:<14} {where}")
            if more > 0:
                self.stdout.write(f"  {'':<22} …还有 {more} 个")
