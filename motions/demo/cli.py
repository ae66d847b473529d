import click
from flask.cli import with_appcontext

from motions.extensions import db


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Only load when the database has no conference.")
@with_appcontext
def demo_command(if_empty: bool) -> None:
    """Load the demo conference (LLA founding conference 2020) and one account per role."""
    from motions.demo.loader import DEMO_LOGINS, database_is_empty, load_demo

    if if_empty and not database_is_empty():
        click.echo("Database already has a conference: demo not loaded.")
        return
    conference = load_demo()
    db.session.commit()
    click.echo(f"Loaded demo conference '{conference.name}'. Logins (password for all: "
               f"{DEMO_LOGINS['password']}):")
    for role, email in DEMO_LOGINS["accounts"].items():
        click.echo(f"  {role:10} {email}")
