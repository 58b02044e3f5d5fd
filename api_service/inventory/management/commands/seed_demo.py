"""Create a demo user and a realistic inventory of a requested size, with bulk inserts."""

import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from inventory.models import Category, Item

_ADJECTIVES = ["Compact", "Heavy-duty", "Stainless", "Cordless", "Galvanised", "Precision", "Folding", "Mini"]
_NOUNS = ["hammer", "wrench", "drill", "saw", "clamp", "ladder", "sander", "level", "chisel", "screwdriver"]
_BATCH = 5000


class Command(BaseCommand):
    """`manage.py seed_demo --items 20000`: a demo user with categories and items, plus other users' rows."""

    help = "Create a demo user and a realistic data set (bulk inserts; prints progress)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="demo")
        parser.add_argument("--password", default="demo-password-2026")
        parser.add_argument("--items", type=int, default=1000)
        parser.add_argument("--categories", type=int, default=20)
        parser.add_argument(
            "--other-users", type=int, default=2, help="Users with their own rows, to keep owner filtering honest."
        )
        parser.add_argument("--other-items", type=int, default=100, help="Items for each other user.")
        parser.add_argument(
            "--reset", action="store_true", help="Delete the users' existing categories and items first."
        )
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):
        rng = random.Random(options["seed"])
        owners = [(options["username"], options["password"], options["items"], options["categories"])]
        owners += [
            (f"{options['username']}-other-{n}", options["password"], options["other_items"], 5)
            for n in range(1, options["other_users"] + 1)
        ]
        for username, password, items, categories in owners:
            user = self._user(username, password)
            if options["reset"]:
                Item.objects.filter(owner=user).delete()
                Category.objects.filter(owner=user).delete()
            self._seed(user, items=items, categories=categories, rng=rng)
        self._analyze()
        self.stdout.write(self.style.SUCCESS(f"Demo user: {options['username']} / password: {options['password']}"))

    def _user(self, username, password):
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.com"}
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        return user

    def _seed(self, user, *, items, categories, rng):
        existing = Category.objects.filter(owner=user).count()
        new_categories = [
            Category(owner=user, name=f"Category {existing + n:03d}", description=f"Demo category {existing + n}.")
            for n in range(1, categories + 1)
        ]
        with transaction.atomic():
            Category.objects.bulk_create(new_categories, batch_size=_BATCH)
        category_ids = list(Category.objects.filter(owner=user).values_list("id", flat=True))
        first = Item.objects.filter(owner=user).count()
        done = 0
        while done < items:
            size = min(_BATCH, items - done)
            batch = [self._item(user, first + done + n, category_ids, rng) for n in range(size)]
            with transaction.atomic():
                Item.objects.bulk_create(batch, batch_size=_BATCH)
            done += size
            self.stdout.write(f"{user.username}: {done}/{items} items")

    @staticmethod
    def _analyze():
        """Refresh the planner's statistics (and, on PostgreSQL, the visibility map) after a bulk load."""
        # Without this, counts and filters on freshly loaded tables read every row until autovacuum comes by;
        # VACUUM cannot run inside a transaction, so there (in tests) only ANALYZE.
        tables = ", ".join(f'"{model._meta.db_table}"' for model in (Category, Item))
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                vacuum = "" if connection.in_atomic_block else "VACUUM "
                cursor.execute(f"{vacuum}ANALYZE {tables}")
            elif connection.vendor == "sqlite":
                cursor.execute("ANALYZE")

    @staticmethod
    def _item(user, number, category_ids, rng):
        name = f"{rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)} {number}"
        return Item(
            owner=user,
            name=name,
            sku=f"SKU-{user.pk}-{number:07d}",
            description=f"{name}, demo stock.",
            category_id=rng.choice(category_ids) if category_ids and rng.random() < 0.9 else None,
            quantity=rng.choice([0, rng.randint(1, 500)]),
            price=Decimal(rng.randint(50, 500_000)) / 100,
            reorder_level=number % 5 * 5,  # 0 to 20: some stock counts as low before it runs out
        )
