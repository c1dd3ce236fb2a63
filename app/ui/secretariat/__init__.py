"""The secretariat's workspace: completeness, regional progress, plan, calendar, memberships."""
